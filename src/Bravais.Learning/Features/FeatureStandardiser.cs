namespace Bravais.Learning.Features;

/// <summary>
/// Per-column mean and standard deviation fitted on training rows (two passes, in double); a column whose variance is
/// at most 1e-12 gets scale 1. The one standardiser of the project: logistic regression, the MLP and the feature
/// pipeline's peak block all use it.
/// </summary>
public sealed class FeatureStandardiser
{
    public float[] Mean { get; }
    public float[] Scale { get; }

    public FeatureStandardiser(float[] mean, float[] scale)
    {
        if (mean.Length != scale.Length) throw new ArgumentException("mean and scale lengths differ");
        Mean = mean; Scale = scale;
    }

    public int Columns => Mean.Length;

    public static FeatureStandardiser Fit(FeatureMatrix x)
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
        for (var j = 0; j < d; j++) mean[j] = sum[j] / Math.Max(1, x.Rows);
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
            var variance = sumSq[j] / Math.Max(1, x.Rows);
            s[j] = variance > 1e-12 ? (float)Math.Sqrt(variance) : 1f;
        }
        return new FeatureStandardiser(m, s);
    }

    /// <summary>1 / scale of every column (for multiplying instead of dividing in a hot loop).</summary>
    public float[] InverseScale() => Array.ConvertAll(Scale, s => 1f / s);

    /// <summary>Writes (row − mean) / scale into <paramref name="destination"/>.</summary>
    public void Transform(ReadOnlySpan<float> row, Span<double> destination)
    {
        for (var j = 0; j < row.Length; j++) destination[j] = (row[j] - Mean[j]) / (double)Scale[j];
    }

    /// <summary>(row − mean) / scale in place.</summary>
    public void TransformInPlace(Span<float> row)
    {
        for (var j = 0; j < row.Length; j++) row[j] = (row[j] - Mean[j]) / Scale[j];
    }
}
