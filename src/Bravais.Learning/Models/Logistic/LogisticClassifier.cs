using System.Numerics.Tensors;
using Bravais.Learning.Models.Common;
using Bravais.Learning.Features;

namespace Bravais.Learning.Models.Logistic;

/// <summary>
/// Multinomial logistic regression with L2 penalty (see <see cref="LogisticHyperParameters"/>), features
/// standardised inside the model, solved with L-BFGS. Deterministic: the start is W = 0, b = 0, and the
/// loss is reduced in a fixed order, so the seed plays no part and the thread count does not matter.
/// </summary>
public sealed class LogisticClassifier : IClassifier
{
    private const string Magic = "BRAVAIS-LOGISTIC";
    private const int FormatVersion = 1;

    private FeatureStandardiser? _standardiser;
    private double[] _parameters = [];
    private int _features;

    public LogisticClassifier(LogisticHyperParameters hyperParameters)
    {
        if (!(hyperParameters.C > 0) || !double.IsFinite(hyperParameters.C)) throw new ArgumentException($"logistic: C must be a positive number, got {hyperParameters.C}");
        if (hyperParameters.MaxIterations < 1) throw new ArgumentException($"logistic: MaxIterations must be at least 1, got {hyperParameters.MaxIterations}");
        Parameters = hyperParameters;
    }

    public string Family => "logistic";
    public LogisticHyperParameters Parameters { get; }
    public object HyperParameters => Parameters;
    public int ClassCount { get; private set; }

    /// <summary>The solver's outcome of the last fit (iterations, convergence), for reports.</summary>
    public LbfgsResult? LastFit { get; private set; }

    /// <summary>Weights in standardised feature space, row-major classes × features.</summary>
    public ReadOnlySpan<double> Weights => _parameters.AsSpan(0, ClassCount * _features);

    public ReadOnlySpan<double> Intercepts => _parameters.AsSpan(ClassCount * _features, ClassCount);

    public void Fit(LabelledRows train, LabelledRows? validation, FitOptions options)
    {
        TrainingChecks.Validate(train, Family);
        var n = train.Count;
        var d = train.X.Columns;
        var standardiser = FeatureStandardiser.Fit(train.X);
        var x = new double[(long)n * d];
        for (var i = 0; i < n; i++) standardiser.Transform(train.X.ReadOnlyRow(i), x.AsSpan(i * d, d));

        var loss = new SoftmaxLoss(x, train.Y, d, train.ClassCount, Parameters.C, options.EffectiveThreads);
        var theta = new double[loss.ParameterCount];
        LastFit = Lbfgs.Minimise(loss.Evaluate, theta, Parameters.MaxIterations, Parameters.Tolerance,
            progress: options.Progress, cancellation: options.Cancellation);
        options.Progress?.Report($"logistic C={Parameters.C}: {LastFit.Iterations} L-BFGS iterations, loss {LastFit.Value:G6}{(LastFit.Converged ? "" : " (not converged)")}");

        _standardiser = standardiser;
        _parameters = theta;
        _features = d;
        ClassCount = train.ClassCount;
    }

    public void PredictProbabilities(FeatureMatrix x, Span<float> probabilities)
    {
        TrainingChecks.CheckPredict(x, probabilities, _features, ClassCount, Family, _standardiser is not null);
        var k = ClassCount;
        var d = _features;
        var output = new float[probabilities.Length];
        Parallel.ForEach(TrainingChecks.Chunks(x.Rows, 64), () => (new double[d], new double[k]), (chunk, _, scratch) =>
        {
            var (row, z) = scratch;
            for (var i = chunk.Start; i < chunk.End; i++)
            {
                _standardiser!.Transform(x.ReadOnlyRow(i), row);
                for (var c = 0; c < k; c++) z[c] = TensorPrimitives.Dot<double>(row, _parameters.AsSpan(c * d, d)) + _parameters[k * d + c];
                var max = TensorPrimitives.Max<double>(z);
                var sum = 0.0;
                for (var c = 0; c < k; c++) { z[c] = Math.Exp(z[c] - max); sum += z[c]; }
                for (var c = 0; c < k; c++) output[i * k + c] = (float)(z[c] / sum);
            }
            return scratch;
        }, _ => { });
        output.CopyTo(probabilities);
    }

    public void Save(Stream stream)
    {
        if (_standardiser is null) throw new InvalidOperationException("logistic: the model is not fitted");
        using var w = ModelStreams.Writer(stream);
        ModelStreams.WriteHeader(w, Magic, FormatVersion);
        w.Write(ClassCount);
        w.Write(_features);
        ModelStreams.WriteArray(w, _standardiser.Mean);
        ModelStreams.WriteArray(w, _standardiser.Scale);
        ModelStreams.WriteArray(w, _parameters);
    }

    public static LogisticClassifier Load(Stream stream, LogisticHyperParameters hyperParameters)
    {
        using var r = ModelStreams.Reader(stream);
        ModelStreams.ReadHeader(r, Magic, FormatVersion);
        var k = ModelStreams.ReadOrTruncated(r, Magic, x => x.ReadInt32());
        var d = ModelStreams.ReadOrTruncated(r, Magic, x => x.ReadInt32());
        if (k < 2 || d < 1) throw new InvalidDataException($"{Magic} model is corrupt: {k} classes, {d} features");
        var mean = ModelStreams.ReadFloats(r, Magic, d);
        var scale = ModelStreams.ReadFloats(r, Magic, d);
        var theta = ModelStreams.ReadDoubles(r, Magic, k * d + k);
        if (mean.Length != d || scale.Length != d || theta.Length != k * d + k)
            throw new InvalidDataException($"{Magic} model is corrupt: array sizes do not match {k} classes × {d} features");
        return new LogisticClassifier(hyperParameters)
        {
            _standardiser = new FeatureStandardiser(mean, scale),
            _parameters = theta,
            _features = d,
            ClassCount = k,
        };
    }
}
