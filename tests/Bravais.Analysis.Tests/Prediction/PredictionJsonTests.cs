using System.Text.Json.Nodes;
using Bravais.Analysis.Prediction;
using Xunit;

namespace Bravais.Analysis.Tests.Prediction;

/// <summary>The one JSON shape of a prediction: the evidence a model has is shown, what it lacks is left out.</summary>
public sealed class PredictionJsonTests
{
    private static readonly ClassProbability[] Lattices = [new("cF", 0.7), new("cI", 0.2), new("cP", 0.1)];

    private static PatternPrediction Bare(PredictionEvidence evidence) =>
        new("x.xy", PredictionLevel.BravaisLattice, Lattices, [new("cubic", 1)], [], null, evidence);

    [Fact]
    public void AModelWithoutEvidenceHasNoEvidenceMembers()
    {
        var o = PredictionJson.Object(Bare(PredictionEvidence.None), new PredictionJsonOptions(Top: 2));
        Assert.Equal("x.xy", (string?)o["file"]);
        Assert.Equal("cF", (string?)o["prediction"]);
        Assert.Equal(2, o["top"]!.AsArray().Count);
        Assert.Empty(o["evidence"]!.AsObject());
        Assert.False(o.ContainsKey("closestReference"));
        Assert.False(o.ContainsKey("preprocessing"));
    }

    [Fact]
    public void AbstentionAndTheIdColumnFollowTheOptions()
    {
        var o = PredictionJson.Object(Bare(PredictionEvidence.None), new PredictionJsonOptions(Top: 3, Abstain: 0.75, IdColumn: "id"));
        Assert.Equal("uncertain", (string?)o["prediction"]);
        Assert.Equal(0.7, (double)o["probability"]!);
        Assert.Equal("x.xy", (string?)o["id"]);
    }

    [Fact]
    public void PeaksIndexingAndTheNetworkAreShownWhenPresent()
    {
        var evidence = new PredictionEvidence
        {
            Peaks = [new FoundPeak(31.69123456, 2.8212, 1000, 0.08, 0.002), new FoundPeak(45.45, 1.9940, 600, double.NaN, 0.003)],
            Indexing =
            [
                new IndexingEvidence("cF", 5.6402, 5.6402, 5.6402, 90, 90, 90, 179.43, 87.2, 120.5, 0.012, 9, 10,
                    [new ExtinctionChoice("F - - -", 0.9, [196, 202, 209, 216, 225]), new ExtinctionChoice("F d - -", 0.1, [203, 227])], [27.37, 31.70, 45.45]),
            ],
            Neural = new NeuralEvidence([new("cF", 0.6), new("cP", 0.4)], [new("cubic", 0.99)], [new("225", 0.5)]),
        };
        var o = PredictionJson.Object(Bare(evidence), new PredictionJsonOptions());
        var e = o["evidence"]!;
        var peaks = e["peaks"]!.AsArray();
        Assert.Equal(2, peaks.Count);
        Assert.Equal(31.6912, (double)peaks[0]!["twoThetaDegrees"]!); // four decimals
        Assert.Null(peaks[1]!["fwhmDegrees"]); // JSON has no NaN
        var cell = e["indexing"]![0]!;
        Assert.Equal("cF", (string?)cell["lattice"]);
        Assert.Equal(5.6402, (double)cell["a"]!);
        Assert.Equal(87.2, (double)cell["m20"]!);
        Assert.Equal("F - - -", (string?)cell["extinctionSymbols"]![0]!["symbol"]);
        Assert.Equal([203, 227], cell["extinctionSymbols"]![1]!["spaceGroups"]!.AsArray().Select(n => (int)n!));
        Assert.Equal("cP", (string?)e["neural"]!["bravaisLattice"]![1]!["label"]);
        // and the whole object is valid JSON text
        Assert.NotNull(JsonNode.Parse(PredictionJson.Serialize([Bare(evidence)], new PredictionJsonOptions())));
    }
}
