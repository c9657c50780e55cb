using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Bravais.Analysis.Prediction;
using Bravais.Diffraction.Measured;
using Bravais.TestSupport;
using Xunit;

namespace Bravais.Analysis.Tests.Prediction;

/// <summary>
/// The default model shipped in models/: its manifest says how it was made and matches the file, the assembly carries
/// exactly that file, and it still gives the predictions recorded in models/default-predictions.tsv when it was made
/// (tools/make-default-model.sh) on the example patterns — so a change to the matcher, the physics or the fusion that
/// changes its answers is seen, and a rebuild with the same seed can be compared against the same table.
/// </summary>
public sealed class DefaultModelTests
{
    private static readonly string ModelPath = Repository.Path("models", "default.bravais");

    [Fact]
    public void The_manifest_records_how_the_model_was_made_and_matches_the_file()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Repository.Path("models", "default.json")));
        var root = manifest.RootElement;
        foreach (var field in new[] { "commands", "data", "seed", "commit", "sha256", "bytes" })
            Assert.True(root.TryGetProperty(field, out _), $"models/default.json has no '{field}'");
        Assert.Matches("^[0-9a-f]{7,40}$", root.GetProperty("commit").GetString());
        Assert.True(root.GetProperty("commands").GetArrayLength() >= 1);
        var bytes = File.ReadAllBytes(ModelPath);
        Assert.Equal(root.GetProperty("bytes").GetInt64(), bytes.LongLength);
        Assert.Equal(root.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.True(bytes.Length <= 20 * 1024 * 1024, $"the default model is {bytes.Length / 1048576.0:0.0} MB, over the 20 MB the repository allows");
    }

    [Fact]
    public void The_assembly_carries_the_shipped_file()
    {
        Assert.True(DefaultModel.IsEmbedded);
        var extracted = DefaultModel.ExtractEmbedded();
        Assert.Equal(File.ReadAllBytes(ModelPath), File.ReadAllBytes(extracted));
        // a second call reuses the cached file
        Assert.Equal(extracted, DefaultModel.ExtractEmbedded());
    }

    [Fact]
    public void A_user_library_model_is_preferred_to_the_default_and_a_given_model_to_both()
    {
        var folder = Directory.CreateTempSubdirectory("bravais-data-");
        var before = Environment.GetEnvironmentVariable("BRAVAIS_DATA");
        try
        {
            Environment.SetEnvironmentVariable("BRAVAIS_DATA", folder.FullName);
            Assert.Equal(ModelOrigin.Default, DefaultModel.Resolve(null).Origin);
            File.Copy(ModelPath, Path.Combine(folder.FullName, "measured.bravais"));
            var resolved = DefaultModel.Resolve(null);
            Assert.Equal(ModelOrigin.UserLibrary, resolved.Origin);
            Assert.Equal(Path.Combine(folder.FullName, "measured.bravais"), resolved.Path);
            Assert.Equal(ModelOrigin.Given, DefaultModel.Resolve("x.bravais").Origin);
        }
        finally
        {
            Environment.SetEnvironmentVariable("BRAVAIS_DATA", before);
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void It_gives_the_recorded_predictions_on_the_example_patterns()
    {
        var predictor = ModelFile.Load(ModelPath);
        var rows = File.ReadAllLines(Repository.Path("models", "default-predictions.tsv")).Skip(1).Select(l => l.Split('\t')).ToList();
        Assert.True(rows.Count >= 10);
        foreach (var row in rows)
        {
            var pattern = MeasuredPatternReader.Read(Repository.Path("examples", "patterns", row[0]));
            var p = predictor.Predict(new PatternInput.Measurement(pattern), new PredictOptions(Threads: 1));
            Assert.Equal(row[1], p.BravaisLattices[0].Label);
            // the table holds 4 decimals
            var recorded = double.Parse(row[2], CultureInfo.InvariantCulture);
            Assert.InRange(p.BravaisLattices[0].Probability, recorded - 6e-5, recorded + 6e-5);
        }
    }
}
