using System.Text.Json.Nodes;
using Bravais.Analysis.Prediction;
using Bravais.Diffraction.Measured;
using Bravais.Web.Api;
using Xunit;

namespace Bravais.Web.Tests;

[Collection(ServerCollection.Name)]
public sealed class PlotDataTests(ServerFixture server)
{
    // The .xy's header: Cu Kα1 1.54056 Å and Kα2 1.54439 Å at half its weight, so the pattern's one wavelength is their weighted mean.
    private const double CuKaMean = (1.54056 + 0.5 * 1.54439) / 1.5;

    private static double TwoTheta(double d) => 2 * Math.Asin(CuKaMean / (2 * d)) * 180 / Math.PI;

    private (MeasuredPattern Pattern, PatternPrediction Prediction) Silicon()
    {
        var pattern = MeasuredPatternReader.Read(ServerFixture.Examples("patterns", "silicon.xy"));
        return (pattern, server.Predictor.Predict(new PatternInput.Measurement(pattern)));
    }

    [Fact]
    public void TheClosestReferenceSticksLieOnTheMeasuredPeaks()
    {
        var (pattern, prediction) = Silicon();
        var plot = PlotData.Build(pattern, prediction, server.Predictor);
        Assert.Equal("silicon", (string?)plot["reference"]!["id"]);
        Assert.Equal(CuKaMean, (double)plot["wavelengthAngstrom"]!, 5);
        // the strongest measured line of silicon is 111 near 28.4°; its stick, d_ref divided by the matched d-scale, must sit on it
        var peak = Enumerable.Range(0, pattern.Count).Where(i => pattern.X[i] is > 27 and < 30).MaxBy(i => pattern.Intensity[i]);
        var sticks = plot["reference"]!["x"]!.AsArray().Select(x => (double)x!).ToArray();
        var nearest = sticks.MinBy(x => Math.Abs(x - pattern.X[peak]));
        // (the rendering has a zero shift, which one d-scale cannot undo everywhere: within 0.1°; d_ref × d-scale, the wrong way round, lands 0.45° off)
        Assert.InRange(nearest - pattern.X[peak], -0.1, 0.1);
        Assert.Equal(sticks.Order(), sticks);
    }

    [Fact]
    public void PeaksAndTicksAreDrawnOnTheFilesTwoThetaAxis()
    {
        var (pattern, prediction) = Silicon();
        // the peaks a peak search would report at the two strongest measured lines (111 and 220, taken from the file), as d by Bragg's law
        int Top(double from, double to) => Enumerable.Range(0, pattern.Count).Where(i => pattern.X[i] > from && pattern.X[i] < to).MaxBy(i => pattern.Intensity[i]);
        int p111 = Top(27, 30), p220 = Top(46, 48.5);
        double D(int i) => CuKaMean / (2 * Math.Sin(pattern.X[i] / 2 * Math.PI / 180));
        // and the ticks of silicon's cell, a = 5.4309 Å: d(111) = a/√3, d(220) = a/√8
        const double a = 5.4309;
        double t111 = TwoTheta(a / Math.Sqrt(3)), t220 = TwoTheta(a / Math.Sqrt(8));
        var evidence = prediction.Evidence with
        {
            Peaks = [new FoundPeak(pattern.X[p220], D(p220), 0.6, 0.1, 0.01), new FoundPeak(pattern.X[p111], D(p111), 1, 0.1, 0.01)],
            Indexing = [new IndexingEvidence("cF", a, a, a, 90, 90, 90, a * a * a, 40, 80, 0, 2, 2, [], [t220, double.NaN, t111])],
        };
        var plot = PlotData.Build(pattern, prediction with { Evidence = evidence }, server.Predictor);

        var peaks = plot["peaks"]!.AsArray();
        Assert.Equal(2, peaks.Count);
        Assert.Equal(pattern.X[p111], (double)peaks[0]!["x"]!, 3); // sorted by 2θ, back on the file's axis from d
        Assert.Equal(pattern.X[p220], (double)peaks[1]!["x"]!, 3);
        // each marker sits on the measured curve, at the counts of the line's top (to 1 %: 2θ → d → 2θ moves it by ~1e-7°, on a steep flank)
        Assert.Equal(1, (double)peaks[0]!["y"]! / pattern.Intensity[p111], 2);
        Assert.Equal(1, (double)peaks[1]!["y"]! / pattern.Intensity[p220], 2);
        var ticks = plot["ticks"]!;
        Assert.StartsWith("cF a=5.4309 b=5.4309 c=5.4309", (string?)ticks["label"]);
        Assert.Equal([Math.Round(t111, 4), Math.Round(t220, 4)], ticks["x"]!.AsArray().Select(x => (double)x!).ToArray());
        Assert.Equal(28.4659, t111, 3); // by hand: 2·asin(1.541837 / (2 · 3.135532)) = 28.4659°
    }

    [Fact]
    public void ThinningKeepsEveryBucketsExtremes()
    {
        var x = Enumerable.Range(0, 100_000).Select(i => 5 + i * 0.00085).ToArray();
        var y = x.Select((_, i) => i == 54_321 ? 1e6 : i == 12_345 ? -5.0 : 100 + i % 7).ToArray();
        var (tx, ty) = PlotData.Thin((x, y), PlotData.MaxLinePoints);
        Assert.True(tx.Length <= PlotData.MaxLinePoints);
        Assert.Contains(1e6, ty);
        Assert.Contains(-5.0, ty);
        Assert.Equal(x[54_321], tx[Array.IndexOf(ty, 1e6)]);
        Assert.Equal(tx.Order(), tx);
    }

    [Fact]
    public async Task ThePlotMemberComesOnlyWhenAskedFor()
    {
        var bytes = await File.ReadAllBytesAsync(ServerFixture.Examples("patterns", "tungsten.xy"));
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "tungsten.xy" } };
        using var response = await server.Client.PostAsync("api/predict?plot=1&top=5", form);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Single()!;
        Assert.NotNull(answer["plot"]!["measured"]);
        Assert.NotNull(answer["plot"]!["background"]);
        Assert.Equal(5, answer["levels"]!["bravaisLattice"]!.AsArray().Count);
        using var plain = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "tungsten.xy" } };
        var without = JsonNode.Parse(await (await server.Client.PostAsync("api/predict", plain)).Content.ReadAsStringAsync())!.AsArray().Single()!;
        Assert.Null(without["plot"]);
    }
}
