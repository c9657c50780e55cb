namespace Bravais.Learning.Models.Common;

/// <summary>Per-column mean and standard deviation fitted on training rows; zero-variance columns get scale 1.</summary>
public sealed class FeatureStandardizer
{
    public float[] Mean { get; }
    public float[] Scale { get; }

    public FeatureStandardizer(float[] mean, float[] scale)
    {
        if (mean.Length != scale.Length) throw new ArgumentException("mean and scale lengths differ");
        Mean = mean; Scale = scale;
    }

    public int Columns => Mean.Length;

    public static FeatureStandardizer Fit(FeatureMatrix x)
    {
        var d = x.Columns;
        var sum = new double[d];
        var sumSq = new double[d];
        for (var i = 0; i < x.Rows; i++)
        {
            var row = x.ReadOnlyRow(i);
            for (var j = 0; j < d; j++) sum[j] += row[j];
        }
        var mean = new double[d];
        for (var j = 0; j < d; j++) mean[j] = sum[j] / x.Rows;
        for (var i = 0; i < x.Rows; i++)
        {
            var row = x.ReadOnlyRow(i);
            for (var j = 0; j < d; j++) { var t = row[j] - mean[j]; sumSq[j] += t * t; }
        }
        var m = new float[d];
        var s = new float[d];
        for (var j = 0; j < d; j++)
        {
            m[j] = (float)mean[j];
            var std = Math.Sqrt(sumSq[j] / x.Rows);
            s[j] = std > 1e-12 ? (float)std : 1f;
        }
        return new FeatureStandardizer(m, s);
    }

    /// <summary>Writes (row − mean) / scale into <paramref name="destination"/>.</summary>
    public void Transform(ReadOnlySpan<float> row, Span<double> destination)
    {
        for (var j = 0; j < row.Length; j++) destination[j] = (row[j] - Mean[j]) / (double)Scale[j];
    }
}
