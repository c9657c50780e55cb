using System.Numerics.Tensors;
using Bravais.Learning.Features;

namespace Bravais.Learning.Models.Centroid;

/// <summary>
/// Nearest shrunken centroid classifier. With pooled within-class standard deviation s_j per feature,
/// s0 = median(s_j), m_c = √(1/n_c − 1/n): d_cj = (x̄_cj − x̄_j) / (m_c (s_j + s0)) is soft-thresholded by Δ
/// and the shrunken centroid is x̄_j + m_c (s_j + s0) d'_cj. A row x gets the discriminant
/// δ_c = Σ_j (x_j − x̄'_cj)² / (s_j + s0)² − 2 ln π_c and probabilities softmax(−δ_c / 2).
/// A class with no training rows gets probability 0.
/// </summary>
public sealed class NearestShrunkenCentroid(CentroidHyperParameters hyperParameters) : IClassifier
{
    private float[] _centroids = [];   // classes × features
    private float[] _inverseScale = []; // 1 / (s_j + s0)
    private float[] _logPrior = [];     // −∞ for absent classes
    private int _features;

    public string Family => "centroid";
    public object HyperParameters => hyperParameters;
    public int ClassCount { get; private set; }

    public void Fit(LabelledRows train, LabelledRows? validation, FitOptions options)
    {
        var k = ClassCount = train.ClassCount;
        var d = _features = train.X.Columns;
        var n = train.Count;
        var sums = new double[k * d];
        var counts = new int[k];
        for (var i = 0; i < n; i++)
        {
            var c = train.Y[i]; counts[c]++;
            var row = train.X.ReadOnlyRow(i);
            var sum = sums.AsSpan(c * d, d);
            for (var j = 0; j < d; j++) sum[j] += row[j];
        }
        var means = new double[k * d];
        var overall = new double[d];
        for (var c = 0; c < k; c++)
            for (var j = 0; j < d; j++)
            {
                overall[j] += sums[c * d + j];
                if (counts[c] > 0) means[c * d + j] = sums[c * d + j] / counts[c];
            }
        for (var j = 0; j < d; j++) overall[j] /= Math.Max(1, n);
        var variance = new double[d];
        for (var i = 0; i < n; i++)
        {
            var c = train.Y[i];
            var row = train.X.ReadOnlyRow(i);
            for (var j = 0; j < d; j++) { var e = row[j] - means[c * d + j]; variance[j] += e * e; }
        }
        var present = counts.Count(x => x > 0);
        var s = new double[d];
        for (var j = 0; j < d; j++) s[j] = Math.Sqrt(variance[j] / Math.Max(1, n - present));
        var sorted = s.Order().ToArray();
        var s0 = sorted.Length == 0 ? 1 : sorted[sorted.Length / 2];
        if (!(s0 > 0)) s0 = sorted.FirstOrDefault(v => v > 0, 1e-6);
        _inverseScale = s.Select(v => (float)(1 / (v + s0))).ToArray();
        _centroids = new float[k * d];
        _logPrior = new float[k];
        var delta = hyperParameters.Shrinkage;
        for (var c = 0; c < k; c++)
        {
            _logPrior[c] = counts[c] > 0 ? (float)Math.Log(counts[c] / (double)n) : float.NegativeInfinity;
            var m = counts[c] > 0 ? Math.Sqrt(Math.Max(0, 1.0 / counts[c] - 1.0 / n)) : 0;
            for (var j = 0; j < d; j++)
            {
                var scale = m * (s[j] + s0);
                var dcj = scale > 0 ? (means[c * d + j] - overall[j]) / scale : 0;
                var shrunk = Math.Sign(dcj) * Math.Max(0, Math.Abs(dcj) - delta);
                _centroids[c * d + j] = (float)(overall[j] + scale * shrunk);
            }
        }
    }

    public void PredictProbabilities(FeatureMatrix x, Span<float> probabilities)
    {
        if (x.Columns != _features) throw new LearningException($"centroid model expects {_features} features, got {x.Columns}");
        var k = ClassCount; var d = _features;
        var output = new float[x.Rows * k];
        Parallel.For(0, x.Rows, () => new float[d], (i, _, diff) =>
        {
            var row = x.ReadOnlyRow(i);
            var p = output.AsSpan(i * k, k);
            for (var c = 0; c < k; c++)
            {
                if (float.IsNegativeInfinity(_logPrior[c])) { p[c] = float.NegativeInfinity; continue; }
                TensorPrimitives.Subtract(row, _centroids.AsSpan(c * d, d), diff);
                TensorPrimitives.Multiply(diff, _inverseScale, diff);
                p[c] = -0.5f * TensorPrimitives.Dot(diff, diff) + _logPrior[c];
            }
            StableSoftMax(p);
            return diff;
        }, _ => { });
        output.CopyTo(probabilities);
    }

    /// <summary>Softmax with the maximum subtracted first, so large negative discriminants do not underflow to 0/0.</summary>
    private static void StableSoftMax(Span<float> logits)
    {
        var max = TensorPrimitives.Max(logits);
        var sum = 0f;
        for (var c = 0; c < logits.Length; c++) { logits[c] = MathF.Exp(logits[c] - max); sum += logits[c]; }
        TensorPrimitives.Multiply(logits, 1f / sum, logits);
    }

    public void Save(Stream stream)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(1); w.Write(ClassCount); w.Write(_features);
        foreach (var v in _centroids) w.Write(v);
        foreach (var v in _inverseScale) w.Write(v);
        foreach (var v in _logPrior) w.Write(v);
    }

    public static NearestShrunkenCentroid Load(Stream stream, CentroidHyperParameters hp)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (r.ReadInt32() != 1) throw new LearningException("unknown centroid payload version");
        var m = new NearestShrunkenCentroid(hp) { ClassCount = r.ReadInt32(), _features = r.ReadInt32() };
        m._centroids = ReadFloats(r, m.ClassCount * m._features);
        m._inverseScale = ReadFloats(r, m._features);
        m._logPrior = ReadFloats(r, m.ClassCount);
        return m;
    }

    private static float[] ReadFloats(BinaryReader r, int n)
    {
        var a = new float[n];
        for (var i = 0; i < n; i++) a[i] = r.ReadSingle();
        return a;
    }
}
