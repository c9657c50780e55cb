using System.Numerics;
using System.Numerics.Tensors;

namespace Bravais.Learning.Models.Knn;

/// <summary>Vectorised row-to-row distances for <see cref="KnnMetric"/>.</summary>
internal static class Distances
{
    /// <summary>
    /// Distance between a query and a stored row. For cosine both rows must already be unit length
    /// (or zero), see <see cref="Normalise"/>.
    /// </summary>
    public static float Between(KnnMetric metric, ReadOnlySpan<float> a, ReadOnlySpan<float> b) => metric switch
    {
        // Direct differences (not ‖a‖² + ‖b‖² − 2a·b): same cost in a row-pair loop, and no cancellation for near neighbours.
        KnnMetric.Euclidean => TensorPrimitives.Distance(a, b),
        KnnMetric.Manhattan => Manhattan(a, b),
        KnnMetric.Cosine => 1f - TensorPrimitives.Dot(a, b),
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };

    public static float Manhattan(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            sum += Vector.Abs(new Vector<float>(a[i..]) - new Vector<float>(b[i..]));
        var total = Vector.Sum(sum);
        for (; i < a.Length; i++) total += MathF.Abs(a[i] - b[i]);
        return total;
    }

    /// <summary>Scales <paramref name="row"/> to unit length in place (a zero row stays zero).</summary>
    public static void Normalise(Span<float> row)
    {
        var norm = TensorPrimitives.Norm(row);
        if (norm > 0) TensorPrimitives.Divide(row, norm, row);
    }
}
