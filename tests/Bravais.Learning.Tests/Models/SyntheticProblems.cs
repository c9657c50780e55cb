using Bravais.Learning.Models;
using Bravais.Learning.Models.Common;
using Bravais.Learning.Features;

namespace Bravais.Learning.Tests.Models;

/// <summary>Small classification problems the model tests generate (seeded, so every run sees the same data).</summary>
internal static class SyntheticProblems
{
    /// <summary>
    /// Gaussian blobs: class c centred at 4·e_c in the first <paramref name="classes"/> dimensions (so
    /// centres are 4√2 apart), unit noise in every dimension; extra dimensions are pure noise.
    /// </summary>
    public static LabelledRows Blobs(int rowsPerClass, int classes, int features, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var n = rowsPerClass * classes;
        var x = new FeatureMatrix(n, features);
        var y = new int[n];
        for (var i = 0; i < n; i++)
        {
            var c = i % classes;
            y[i] = c;
            for (var j = 0; j < features; j++) x[i, j] = (float)(Gaussian(ref rng) * 0.8 + (j == c ? 4.0 : 0.0));
        }
        return new LabelledRows(x, y, classes);
    }

    /// <summary>
    /// XOR in two dimensions: points uniform in [−1, 1]², class = (x₀ &gt; 0) XOR (x₁ &gt; 0), points within
    /// <paramref name="margin"/> of an axis dropped, plus <paramref name="noiseFeatures"/> uniform noise columns.
    /// No linear model can beat chance by much; a tree or nearest-neighbour model separates it.
    /// </summary>
    public static LabelledRows Xor(int rows, ulong seed, double margin = 0.1, int noiseFeatures = 0)
    {
        var rng = new SplitMix64(seed);
        var d = 2 + noiseFeatures;
        var x = new FeatureMatrix(rows, d);
        var y = new int[rows];
        for (var i = 0; i < rows;)
        {
            var a = rng.NextDouble() * 2 - 1;
            var b = rng.NextDouble() * 2 - 1;
            if (Math.Abs(a) < margin || Math.Abs(b) < margin) continue;
            x[i, 0] = (float)a;
            x[i, 1] = (float)b;
            for (var j = 2; j < d; j++) x[i, j] = (float)(rng.NextDouble() * 2 - 1);
            y[i] = (a > 0) ^ (b > 0) ? 1 : 0;
            i++;
        }
        return new LabelledRows(x, y, 2);
    }

    public static double Accuracy(IClassifier model, LabelledRows rows)
    {
        var predicted = model.Predict(rows.X);
        return predicted.Zip(rows.Y).Count(p => p.First == p.Second) / (double)rows.Count;
    }

    public static void AssertProbabilitiesSumToOne(float[] probabilities, int classes)
    {
        for (var i = 0; i < probabilities.Length / classes; i++)
        {
            var row = probabilities.AsSpan(i * classes, classes);
            var sum = 0.0;
            foreach (var p in row)
            {
                Xunit.Assert.InRange(p, 0f, 1f);
                sum += p;
            }
            Xunit.Assert.Equal(1.0, sum, 1e-5);
        }
    }

    /// <summary>Saves through the model's stream format and loads with its family.</summary>
    public static IClassifier RoundTrip(IClassifier model, IClassifierFamily family)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        return family.Load(stream, model.HyperParameters);
    }

    private static double Gaussian(ref SplitMix64 rng)
    {
        var u = 1.0 - rng.NextDouble();
        var v = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
