namespace Bravais.Learning.Calibration;

/// <summary>
/// Temperature scaling (Guo et al. 2017, "On Calibration of Modern Neural Networks"): one scalar T &gt; 0 divides
/// every logit before the softmax, p = softmax(z / T). T is fitted on a validation split by minimising the mean
/// negative log-likelihood; the arg-max (hence accuracy) is unchanged. T &gt; 1 softens an over-confident model.
/// </summary>
public static class TemperatureScaling
{
    /// <summary>Softmax of z / T for one row, written into <paramref name="probabilities"/>.</summary>
    public static void Softmax(ReadOnlySpan<double> logits, double temperature, Span<double> probabilities)
    {
        var max = double.NegativeInfinity;
        foreach (var z in logits) max = Math.Max(max, z);
        double sum = 0;
        for (var c = 0; c < logits.Length; c++) { probabilities[c] = Math.Exp((logits[c] - max) / temperature); sum += probabilities[c]; }
        for (var c = 0; c < logits.Length; c++) probabilities[c] /= sum;
    }

    public static double[] Softmax(ReadOnlySpan<double> logits, double temperature)
    {
        var p = new double[logits.Length];
        Softmax(logits, temperature, p);
        return p;
    }

    /// <summary>Mean −log p(true class) of rows × classes logits at temperature T.</summary>
    public static double NegativeLogLikelihood(double[] logits, int[] labels, int classes, double temperature)
    {
        double total = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var row = logits.AsSpan(i * classes, classes);
            var max = double.NegativeInfinity;
            foreach (var z in row) max = Math.Max(max, z);
            double sum = 0;
            foreach (var z in row) sum += Math.Exp((z - max) / temperature);
            total += -((row[labels[i]] - max) / temperature - Math.Log(sum));
        }
        return total / Math.Max(1, labels.Length);
    }

    /// <summary>
    /// The T in [0.01, 100] minimising the validation NLL: golden-section search on log T (the NLL is smooth and,
    /// in practice, unimodal in log T), to a relative precision of 1e-4.
    /// </summary>
    public static double Fit(double[] logits, int[] labels, int classes)
    {
        if (labels.Length == 0) throw new LearningException("temperature scaling needs at least one validation row");
        if (logits.Length != labels.Length * classes) throw new LearningException($"expected {labels.Length}×{classes} logits, got {logits.Length}");
        double lo = Math.Log(0.01), hi = Math.Log(100);
        var phi = (Math.Sqrt(5) - 1) / 2;
        double a = hi - phi * (hi - lo), b = lo + phi * (hi - lo);
        double fa = NegativeLogLikelihood(logits, labels, classes, Math.Exp(a)), fb = NegativeLogLikelihood(logits, labels, classes, Math.Exp(b));
        while (hi - lo > 1e-4)
        {
            if (fa < fb) { hi = b; b = a; fb = fa; a = hi - phi * (hi - lo); fa = NegativeLogLikelihood(logits, labels, classes, Math.Exp(a)); }
            else { lo = a; a = b; fa = fb; b = lo + phi * (hi - lo); fb = NegativeLogLikelihood(logits, labels, classes, Math.Exp(b)); }
        }
        return Math.Exp((lo + hi) / 2);
    }
}
