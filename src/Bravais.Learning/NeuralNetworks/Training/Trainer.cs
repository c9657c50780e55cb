using System.Diagnostics;
using Bravais.Learning.NeuralNetworks.Core;
using Bravais.Learning.NeuralNetworks.Losses;
using Bravais.Learning.NeuralNetworks.Optimisers;
using Bravais.Learning.NeuralNetworks.Schedules;

namespace Bravais.Learning.NeuralNetworks.Training;

/// <summary>
/// Mini-batch training of a <see cref="Network"/> with softmax cross-entropy, Adam(W), warm-up + cosine
/// learning rate and early stopping on a validation set (the best epoch's weights are restored). Each
/// epoch shuffles with a generator seeded from (seed, epoch); optional on-the-fly augmentation gets a
/// generator seeded from (seed, epoch, sample position), so results do not depend on thread timing.
/// Batch buffers are allocated once.
/// </summary>
public static class Trainer
{
    /// <param name="augment">Applied to each training sample (a copy) before <paramref name="transform"/>; training only.</param>
    /// <param name="transform">Applied to every sample (training and validation) before the network, e.g. intensity scaling.</param>
    public static TrainingHistory Train(Network network, SampleSet train, SampleSet? validation, TrainingOptions options,
        Action<Span<float>, Random>? augment = null, Action<Span<float>>? transform = null,
        IProgress<string>? progress = null, CancellationToken cancellation = default)
    {
        var features = network.InputShape.Size;
        if (train.Features != features) throw new ArgumentException($"training rows have {train.Features} features; the network expects {features}");
        if (validation is not null && validation.Features != features) throw new ArgumentException($"validation rows have {validation.Features} features; the network expects {features}");
        if (train.Count < 2) throw new ArgumentException("training needs at least two samples");
        var classes = network.Outputs;

        var batchSize = Math.Min(options.BatchSize, train.Count);
        var batchesPerEpoch = train.Count / batchSize; // the incomplete last batch is dropped (batch-norm needs ≥ 2)
        if (train.Count % batchSize >= 2) batchesPerEpoch++;
        var totalSteps = batchesPerEpoch * options.Epochs;
        var schedule = options.CosineDecay
            ? new WarmupCosine(options.LearningRate, (int)(options.WarmupEpochs * batchesPerEpoch), totalSteps, options.LearningRate * 0.01f)
            : new WarmupCosine(options.LearningRate, (int)(options.WarmupEpochs * batchesPerEpoch), 0, options.LearningRate);
        var optimiser = new Adam(network.Parameters) { WeightDecay = options.WeightDecay, Decoupled = options.DecoupledWeightDecay };
        var context = new RunContext(options.Shards, training: true);

        var order = Enumerable.Range(0, train.Count).ToArray();
        var xBatch = new float[batchSize * features];
        var yBatch = new int[batchSize];
        var gradient = new float[batchSize * classes];
        var epochs = new List<EpochResult>();
        float[][]? best = null;
        var bestAccuracy = double.NegativeInfinity;
        var bestLoss = double.PositiveInfinity;
        var bestEpoch = -1;
        var sinceBest = 0;
        var step = 0;
        var stoppedEarly = false;

        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            Shuffle(order, new Random(Mix(options.Seed, epoch, -1)));
            double lossSum = 0; long correct = 0, seen = 0;
            float rate = 0;
            for (var b = 0; b < batchesPerEpoch; b++)
            {
                var start = b * batchSize;
                var n = Math.Min(batchSize, train.Count - start);
                for (var i = 0; i < n; i++)
                {
                    train.X.AsSpan(order[start + i] * features, features).CopyTo(xBatch.AsSpan(i * features, features));
                    yBatch[i] = train.Y[order[start + i]];
                }
                if (augment is not null || transform is not null)
                {
                    var e = epoch;
                    Shards.For(n, options.Shards, (_, s0, s1) =>
                    {
                        for (var i = s0; i < s1; i++)
                        {
                            var row = xBatch.AsSpan(i * features, features);
                            augment?.Invoke(row, new Random(Mix(options.Seed, e, start + i)));
                            transform?.Invoke(row);
                        }
                    });
                }
                var logits = network.Forward(xBatch, n, context);
                lossSum += SoftmaxCrossEntropy.LossAndGradient(logits.AsSpan(0, n * classes), yBatch.AsSpan(0, n), classes, options.LabelSmoothing, gradient) * n;
                correct += CountCorrect(logits, yBatch, n, classes);
                seen += n;
                network.Backward(xBatch, gradient, n, context);
                rate = schedule.At(step++);
                optimiser.Update(rate);
            }

            double? validationLoss = null, validationAccuracy = null;
            if (validation is not null && validation.Count > 0)
            {
                var (l, a) = Evaluate(network, validation, transform, options.Shards);
                validationLoss = l; validationAccuracy = a;
            }
            var result = new EpochResult(epoch + 1, lossSum / seen, (double)correct / seen, validationLoss, validationAccuracy, rate, clock.Elapsed.TotalSeconds);
            epochs.Add(result);
            progress?.Report(Format(result, options.Epochs));

            if (validationAccuracy is { } acc)
            {
                if (acc > bestAccuracy || (acc == bestAccuracy && validationLoss < bestLoss))
                {
                    bestAccuracy = acc; bestLoss = validationLoss!.Value; bestEpoch = epoch + 1; sinceBest = 0;
                    best = network.Snapshot();
                }
                else if (options.Patience > 0 && ++sinceBest >= options.Patience)
                {
                    stoppedEarly = true;
                    break;
                }
            }
        }
        if (best is not null) network.Restore(best);
        else bestEpoch = epochs.Count;
        return new TrainingHistory(epochs, bestEpoch, stoppedEarly);
    }

    /// <summary>Mean loss (no smoothing) and accuracy on a sample set, in inference mode.</summary>
    public static (double Loss, double Accuracy) Evaluate(Network network, SampleSet set, Action<Span<float>>? transform, int shards, int batchSize = 256)
    {
        var features = network.InputShape.Size;
        var classes = network.Outputs;
        var context = new RunContext(shards, training: false);
        var x = new float[Math.Min(batchSize, set.Count) * features];
        var g = new float[Math.Min(batchSize, set.Count) * classes];
        double loss = 0; long correct = 0;
        for (var start = 0; start < set.Count; start += batchSize)
        {
            var n = Math.Min(batchSize, set.Count - start);
            set.X.AsSpan(start * features, n * features).CopyTo(x);
            if (transform is not null)
                for (var i = 0; i < n; i++) transform(x.AsSpan(i * features, features));
            var logits = network.Forward(x, n, context);
            var labels = set.Y.AsSpan(start, n);
            loss += SoftmaxCrossEntropy.LossAndGradient(logits.AsSpan(0, n * classes), labels, classes, 0f, g) * n;
            correct += CountCorrect(logits, labels, n, classes);
        }
        return (loss / set.Count, (double)correct / set.Count);
    }

    private static long CountCorrect(float[] logits, ReadOnlySpan<int> labels, int n, int classes)
    {
        long correct = 0;
        for (var i = 0; i < n; i++)
            if (System.Numerics.Tensors.TensorPrimitives.IndexOfMax(logits.AsSpan(i * classes, classes)) == labels[i]) correct++;
        return correct;
    }

    private static void Shuffle(int[] order, Random rng)
    {
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    /// <summary>A 32-bit seed mixed from three integers (SplitMix64 finaliser).</summary>
    public static int Mix(int seed, int a, int b)
    {
        var z = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)a * 0xBF58476D1CE4E5B9UL ^ (ulong)(uint)b * 0x94D049BB133111EBUL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }

    private static string Format(EpochResult r, int epochs) =>
        FormattableString.Invariant($"epoch {r.Epoch}/{epochs}: loss {r.TrainLoss:0.0000}, train acc {r.TrainAccuracy:P1}") +
        (r.ValidationAccuracy is { } a ? FormattableString.Invariant($", val loss {r.ValidationLoss:0.0000}, val acc {a:P1}") : "") +
        FormattableString.Invariant($", lr {r.LearningRate:0.#####}, {r.Seconds:0.0} s");
}
