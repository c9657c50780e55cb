using System.IO.Compression;
using System.Text;
using Bravais.Analysis.Prediction;
using Bravais.Analysis.SearchMatch;
using Bravais.Analysis.Tests.SearchMatch;
using Bravais.Crystallography;
using Bravais.Learning.Data;
using Bravais.Learning.Persistence;
using Bravais.Learning.Tests;
using Bravais.Learning.Training;
using CsCheck;
using Xunit;

namespace Bravais.Analysis.Tests.Prediction;

/// <summary>
/// Property tests (CsCheck) of the model-file reader (issue 18: "a clear message for missing / empty / corrupt /
/// wrong-kind files"): random damage to a valid search–match model and a valid classifier — bytes flipped, cut,
/// inserted or deleted anywhere in the zip, and the text of its manifest mutated (characters, values, deleted and
/// duplicated lines) — never lets anything but a <see cref="BravaisException"/> out of <see cref="ModelFile.Load"/>.
/// 150 damaged files per kind and damage in CI; BRAVAIS_FUZZ_ITERATIONS raises it.
/// </summary>
public sealed class ModelFilePropertyTests : IDisposable
{
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("BRAVAIS_FUZZ_ITERATIONS"), out var n) && n > 0 ? Math.Max(150, n / 4) : 150;
    private readonly string _folder = Directory.CreateTempSubdirectory("bravais-model-fuzz-").FullName;
    public void Dispose() { try { Directory.Delete(_folder, true); } catch (IOException) { } }

    private byte[] SearchMatchModel()
    {
        var lib = TinyLibrary.Default();
        var options = new MatcherOptions(Neighbours: 3, RefineCandidates: 0) { Instrument = TinyLibrary.Comparison(0.05, 0.12) };
        var path = Path.Combine(_folder, "sm.bravais");
        new MeasuredModel(TinyLibrary.Manifest(lib, options, new CalibrationSummary(1.5, 0, 0, 0, 0, 0, 0)), lib).Save(path);
        return File.ReadAllBytes(path);
    }

    private byte[] Classifier()
    {
        var data = SyntheticPatterns.Make(14, 12, seed: 5);
        var result = TrainingPipeline.Run(new TrainingRequest(data, PredictionTarget.Bravais, ["centroid"], "synthetic.csv", "x", Folds: 2, Seed: 1, Curves: false, ImportanceRows: 0));
        var path = Path.Combine(_folder, "classifier.bravais");
        ClassifierFile.Save(path, result.Model);
        return File.ReadAllBytes(path);
    }

    private void LoadOnlyFailsWithBravaisErrors(byte[] bytes, string what)
    {
        var path = Path.Combine(_folder, "fuzz.bravais");
        File.WriteAllBytes(path, bytes);
        try { ModelFile.Load(path); }
        catch (BravaisException) { }
        catch (Exception e) { throw new Xunit.Sdk.XunitException($"{e.GetType().Name} escaped ModelFile.Load: {e.Message}\n{e.StackTrace}\n--- input ---\n{what}"); }
    }

    private static byte[] Damage(byte[] bytes, (int Kind, int A, int B)[] damage)
    {
        var list = bytes.ToList();
        foreach (var (kind, a, b) in damage)
        {
            if (list.Count == 0) break;
            var at = a % list.Count;
            switch (kind % 4)
            {
                case 0: list.RemoveRange(at, list.Count - at); break;
                case 1: list[at] = (byte)b; break;
                case 2: list.InsertRange(at, Enumerable.Repeat((byte)b, 1 + b % 16)); break;
                default: list.RemoveRange(at, Math.Min(list.Count - at, 1 + b % 16)); break;
            }
        }
        return [.. list];
    }

    private static string MutateJson(string json, (int Kind, int A, int B)[] mutations)
    {
        string[] values = ["null", "-1", "0", "1e308", "\"\"", "[]", "{}", "true", "\"crystal-ball\"", "99999999999999999999"];
        foreach (var (kind, a, b) in mutations)
        {
            if (json.Length == 0) break;
            var lines = json.Split('\n').ToList();
            json = (kind % 4) switch
            {
                0 => json.Remove(a % json.Length, 1).Insert(a % json.Length, ((char)(b % 128)).ToString()),
                1 => System.Text.RegularExpressions.Regex.Replace(json, @"(?<=:\s*)(-?\d[\d.eE+-]*|""[^""]*""|true|false|null)", m => m.Index % 7 == a % 7 ? values[b % values.Length] : m.Value),
                2 => string.Join('\n', lines.Where((_, i) => i != a % lines.Count)),
                _ => string.Join('\n', lines.Take(a % lines.Count).Append(lines[b % lines.Count]).Concat(lines.Skip(a % lines.Count))),
            };
        }
        return json;
    }

    private static byte[] WithManifest(byte[] model, string manifest)
    {
        var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(model), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var entry in source.Entries)
            {
                using var to = target.CreateEntry(entry.FullName).Open();
                if (entry.FullName == ClassifierFile.ManifestEntry) to.Write(Encoding.UTF8.GetBytes(manifest));
                else { using var from = entry.Open(); from.CopyTo(to); }
            }
        return output.ToArray();
    }

    private static string Manifest(byte[] model)
    {
        using var zip = new ZipArchive(new MemoryStream(model), ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry(ClassifierFile.ManifestEntry)!.Open());
        return reader.ReadToEnd();
    }

    private static readonly Gen<(int Kind, int A, int B)> Mutation = Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue]);

    [Fact]
    public void DamagedModelFilesFailOnlyWithBravaisErrors()
    {
        byte[][] models = [SearchMatchModel(), Classifier()];
        Gen.Select(Gen.Int[0, 1], Mutation.Array[1, 3]).Sample((which, damage) =>
            LoadOnlyFailsWithBravaisErrors(Damage(models[which], damage), $"model {which} with {string.Join(", ", damage)}"),
            seed: "0N0XIzNsQ0O2", iter: 2 * Iterations, threads: 1);
    }

    [Fact]
    public void ModelFilesWithMutatedManifestsFailOnlyWithBravaisErrors()
    {
        byte[][] models = [SearchMatchModel(), Classifier()];
        var manifests = models.Select(Manifest).ToArray();
        Gen.Select(Gen.Int[0, 1], Mutation.Array[1, 3]).Sample((which, mutations) =>
        {
            var manifest = MutateJson(manifests[which], mutations);
            LoadOnlyFailsWithBravaisErrors(WithManifest(models[which], manifest), $"model {which}, manifest:\n{manifest}");
        }, seed: "0N0XIzNsQ0O2", iter: 2 * Iterations, threads: 1);
    }
}
