namespace Bravais.Learning.NeuralNetworks.Losses;

/// <summary>
/// Softmax cross-entropy over logits with label smoothing ε (Szegedy et al. 2016): the target is
/// q = (1 − ε)·onehot(y) + ε/K, the loss is the batch mean of −Σ_k q_k log p_k, and its gradient with
/// respect to the logits is (p − q)/batch.
/// </summary>
public static class SoftmaxCrossEntropy
{
    /// <summary>Softmax of each row of <paramref name="logits"/> into <paramref name="probabilities"/> (numerically stable).</summary>
    public static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities, int rows, int classes)
    {
        for (var r = 0; r < rows; r++)
        {
            var z = logits.Slice(r * classes, classes);
            var p = probabilities.Slice(r * classes, classes);
            var max = System.Numerics.Tensors.TensorPrimitives.Max(z);
            double sum = 0;
            for (var k = 0; k < classes; k++) { p[k] = MathF.Exp(z[k] - max); sum += p[k]; }
            var inv = (float)(1.0 / sum);
            for (var k = 0; k < classes; k++) p[k] *= inv;
        }
    }

    /// <summary>Mean loss over the batch; writes dLoss/dlogits into <paramref name="gradient"/>.</summary>
    public static double LossAndGradient(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, int classes, float smoothing, Span<float> gradient)
    {
        if (smoothing is < 0f or >= 1f) throw new ArgumentOutOfRangeException(nameof(smoothing));
        var rows = labels.Length;
        double loss = 0;
        var off = smoothing / classes;
        var on = 1f - smoothing + off;
        var scale = 1f / rows;
        for (var r = 0; r < rows; r++)
        {
            var z = logits.Slice(r * classes, classes);
            var g = gradient.Slice(r * classes, classes);
            var max = System.Numerics.Tensors.TensorPrimitives.Max(z);
            double sum = 0;
            for (var k = 0; k < classes; k++) sum += Math.Exp(z[k] - max);
            var logSum = max + Math.Log(sum);
            var y = labels[r];
            if ((uint)y >= (uint)classes) throw new ArgumentOutOfRangeException(nameof(labels), $"label {y} outside 0..{classes - 1}");
            for (var k = 0; k < classes; k++)
            {
                var q = k == y ? on : off;
                var logP = z[k] - logSum;
                loss -= q * logP;
                g[k] = (float)((Math.Exp(logP) - q) * scale);
            }
        }
        return loss / rows;
    }
}
