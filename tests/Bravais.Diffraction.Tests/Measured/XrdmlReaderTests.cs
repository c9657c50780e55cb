using System.Globalization;
using Bravais.Diffraction.Measured;
using Xunit;

namespace Bravais.Diffraction.Tests.Measured;

public sealed class XrdmlReaderTests : IDisposable
{
    private readonly TempFiles _files = new();
    public void Dispose() => _files.Dispose();

    // A minimal file in the shape HighScore / Data Collector write (XRDML 1.5 namespace).
    private static string Xrdml(string intended, string positions, string intensities, string scanExtra = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <xrdMeasurements xmlns="http://www.xrdml.com/XRDMeasurement/1.5" status="Completed">
          <sample type="To be analyzed"><id>test</id></sample>
          <xrdMeasurement measurementType="Scan" status="Completed" sampleMode="Reflection">
            <usedWavelength intended="{intended}">
              <kAlpha1 unit="Angstrom">1.5405980</kAlpha1>
              <kAlpha2 unit="Angstrom">1.5444260</kAlpha2>
              <kBeta unit="Angstrom">1.3922500</kBeta>
              <ratioKAlpha2KAlpha1 unit="none">0.5000</ratioKAlpha2KAlpha1>
            </usedWavelength>
            <scan appendNumber="0" mode="Continuous" scanAxis="Gonio" status="Completed">
              <dataPoints>
                {positions}
                <positions axis="Omega" unit="deg"><startPosition>5.0</startPosition><endPosition>40.0</endPosition></positions>
                <commonCountingTime unit="seconds">1.0</commonCountingTime>
                {intensities}
              </dataPoints>
            </scan>
            {scanExtra}
          </xrdMeasurement>
        </xrdMeasurements>
        """;

    private static string Counts(int n, string element = "intensities") =>
        $"<{element} unit=\"counts\">{string.Join(' ', Enumerable.Range(0, n).Select(i => (100 + i).ToString(CultureInfo.InvariantCulture)))}</{element}>";

    [Fact]
    public void ReadsStartEndPositionsAndTheKAlphaMean()
    {
        var path = _files.Write("s.xrdml", Xrdml("K-Alpha", "<positions axis=\"2Theta\" unit=\"deg\"><startPosition>10.00</startPosition><endPosition>80.00</endPosition></positions>", Counts(36)));
        var p = MeasuredPatternReader.Read(path);
        Assert.Equal(36, p.Count);
        Assert.Equal(10, p.X[0], 12);
        Assert.Equal(80, p.X[^1], 12);
        Assert.Equal(12, p.X[1], 12); // (80−10)/35
        Assert.Equal(135, p.Intensity[35]);
        Assert.Equal((1.540598 + 0.5 * 1.544426) / 1.5, p.WavelengthAngstrom!.Value, 9);
        Assert.Equal("xrdml", p.Metadata["format"]);
    }

    [Fact]
    public void ReadsListPositionsCountsAndKAlpha1AndSniffsWithoutExtension()
    {
        var list = "<positions axis=\"2Theta\" unit=\"deg\"><listPositions>" + string.Join(' ', Enumerable.Range(0, 20).Select(i => (20 + 0.25 * i).ToString(CultureInfo.InvariantCulture))) + "</listPositions></positions>";
        var path = _files.Write("s.data", Xrdml("K-Alpha 1", list, Counts(20, "counts")));
        var p = MeasuredPatternReader.Read(path);
        Assert.Equal(20.25, p.X[1], 12);
        Assert.Equal(1.540598, p.WavelengthAngstrom!.Value, 9);
    }

    [Fact]
    public void MismatchedListLengthIsAnErrorWithTheLine()
    {
        var list = "<positions axis=\"2Theta\" unit=\"deg\"><listPositions>1 2 3</listPositions></positions>";
        var e = Assert.Throws<DiffractionException>(() => MeasuredPatternReader.Read(_files.Write("m.xrdml", Xrdml("K-Alpha", list, Counts(20)))));
        Assert.Contains("3 listed 2θ positions for 20 intensities", e.Message);
        Assert.NotNull(e.Location.Line);
    }

    [Fact]
    public void ARockingCurveIsRefusedAndALongListIsStreamed()
    {
        var positions = "<positions axis=\"2Theta\" unit=\"deg\"><startPosition>10.00</startPosition><endPosition>80.00</endPosition></positions>";
        var omega = Xrdml("K-Alpha", positions, Counts(36)).Replace("scanAxis=\"Gonio\"", "scanAxis=\"Omega\"");
        var e = Assert.Throws<DiffractionException>(() => MeasuredPatternReader.Read(_files.Write("o.xrdml", omega)));
        Assert.Contains("the first scan's axis is 'Omega', not 2θ", e.Message);
        Assert.Equal(11, e.Location.Line);

        // 200,000 listed positions and counts: read in chunks, not as one string per list
        const int n = 200_000;
        var list = "<positions axis=\"2Theta\" unit=\"deg\"><listPositions>" + string.Join(' ', Enumerable.Range(0, n).Select(i => (5 + i * 0.0004).ToString("0.0000", CultureInfo.InvariantCulture))) + "</listPositions></positions>";
        var p = MeasuredPatternReader.Read(_files.Write("l.xrdml", Xrdml("K-Alpha 1", list, Counts(n))));
        Assert.Equal(n, p.Count);
        Assert.Equal(5 + (n - 1) * 0.0004, p.X[^1], 9);
        Assert.Equal(100 + n - 1, p.Intensity[^1]);
    }

    [Fact]
    public void MalformedXmlMissingPositionsAndBadNumbersAreErrors()
    {
        var broken = Assert.Throws<DiffractionException>(() => MeasuredPatternReader.Read(_files.Write("b.xrdml", "<xrdMeasurements><xrdMeasurement>")));
        Assert.Contains("not well-formed XML", broken.Message);
        var noPositions = Assert.Throws<DiffractionException>(() => MeasuredPatternReader.Read(_files.Write("n.xrdml", Xrdml("K-Alpha", "", Counts(20)))));
        Assert.Contains("2Theta", noPositions.Message);
        var badNumber = Assert.Throws<DiffractionException>(() => MeasuredPatternReader.Read(_files.Write("x.xrdml",
            Xrdml("K-Alpha", "<positions axis=\"2Theta\" unit=\"deg\"><startPosition>10</startPosition><endPosition>80</endPosition></positions>", "<intensities unit=\"counts\">1 2 x 4</intensities>"))));
        Assert.Contains("'x'", badNumber.Message);
        var wrongRoot = Assert.Throws<DiffractionException>(() => MeasuredPatternReader.Read(_files.Write("w.xrdml", "<other/>")));
        Assert.Contains("xrdMeasurements", wrongRoot.Message);
    }
}
