using Bravais.Diffraction.Patterns;
using Bravais.Learning.Data;
using Bravais.TestSupport;

namespace Bravais.Learning.Tests.Data;

public class SharedTrainingDataTests
{
    [SharedDataFact]
    public void Nano281MpTrainingSetReadsCompletely()
    {
        var path = SharedData.Path("data", "nano281-mp", "train.csv.gz");
        var data = PatternCsv.Read(path);
        // every data line of the file is a row: compare with a plain line count
        using var reader = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress));
        var lines = 0;
        while (reader.ReadLine() is { Length: > 0 }) lines++;
        Xunit.Assert.Equal(lines - 1, data.Count);
        Xunit.Assert.Equal(AngleGrid.Nano281, data.Grid);
        Xunit.Assert.Equal(14, data.BravaisLattices.Distinct().Count());
        Xunit.Assert.All(data.Intensities.Values, v => Xunit.Assert.True(float.IsFinite(v) && v >= 0));
    }
}
