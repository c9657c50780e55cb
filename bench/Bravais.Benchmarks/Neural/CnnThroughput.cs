using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Bravais.Learning.Models.Neural;
using Bravais.Learning.NeuralNetworks;
using Bravais.Learning.NeuralNetworks.Core;
using Bravais.Learning.NeuralNetworks.Losses;
using Bravais.Learning.NeuralNetworks.Optimisers;

namespace Bravais.Benchmarks.Neural;

/// <summary>
/// Training and inference throughput of the default CNN (plain, 32-64-128 channels, kernel 7, flatten →
/// Dense 256 → 14 classes, 180-point profiles), batch 64, AdamW; the same network as
/// bench/pytorch/cnn_throughput.py. Run: <c>dotnet run -c Release --project bench/Bravais.Benchmarks -- cnn-throughput [--threads 2] [--batch 64] [--seconds 20] [--arch plain|resnet]</c>.
/// </summary>
public static class CnnThroughput
{
    public const int Length = 180, Classes = 14;

    public static int Run(string[] args)
    {
        string Arg(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var threads = int.Parse(Arg("--threads", "2"), CultureInfo.InvariantCulture);
        var batch = int.Parse(Arg("--batch", "64"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(Arg("--seconds", "20"), CultureInfo.InvariantCulture);
        var hp = new CnnHyperParameters { Architecture = Arg("--arch", "plain") };
        var step = new TrainingStep(hp, batch, threads);
        Console.WriteLine(step.Network.Describe());
        Console.WriteLine($"threads {threads}, batch {batch}");

        for (var i = 0; i < 5; i++) step.Train(); // warm-up (JIT, buffers)
        if (args.Contains("--profile")) step.Profile(20);
        var clock = Stopwatch.StartNew();
        var batches = 0;
        while (clock.Elapsed.TotalSeconds < seconds) { step.Train(); batches++; }
        var trainRate = batches * batch / clock.Elapsed.TotalSeconds;

        var rows = 4096;
        var x = TrainingStep.Profiles(rows, 11);
        var p = new float[rows * Classes];
        step.Network.PredictProbabilities(x, rows, p, 256, threads);
        clock.Restart();
        var passes = 0;
        while (clock.Elapsed.TotalSeconds < seconds / 2) { step.Network.PredictProbabilities(x, rows, p, 256, threads); passes++; }
        var inferRate = passes * rows / clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT bravais train_samples_per_s={trainRate:0} infer_patterns_per_s={inferRate:0}"));
        return 0;
    }

    /// <summary>One optimiser step on a fixed random batch: forward, loss, backward, AdamW.</summary>
    public sealed class TrainingStep
    {
        private readonly float[] _x;
        private readonly int[] _y;
        private readonly float[] _gradient;
        private readonly Adam _adam;
        private readonly RunContext _context;
        private readonly int _batch;
        public Network Network { get; }

        public TrainingStep(CnnHyperParameters hp, int batch, int threads)
        {
            _batch = batch;
            Network = CnnClassifier.Build(hp, Length, Classes, seed: 1);
            _x = Profiles(batch, 3);
            var rng = new Random(4);
            _y = Enumerable.Range(0, batch).Select(_ => rng.Next(Classes)).ToArray();
            _gradient = new float[batch * Classes];
            _adam = new Adam(Network.Parameters) { WeightDecay = 1e-2f };
            _context = new RunContext(threads, training: true);
        }

        public void Train()
        {
            var logits = Network.Forward(_x, _batch, _context);
            SoftmaxCrossEntropy.LossAndGradient(logits.AsSpan(0, _batch * Classes), _y, Classes, 0.05f, _gradient);
            Network.Backward(_x, _gradient, _batch, _context);
            _adam.Update(1e-3f);
        }

        /// <summary>Prints the mean forward and backward time of each layer over <paramref name="repeats"/> batches.</summary>
        public void Profile(int repeats)
        {
            var layers = Network.Layers;
            var inputs = new float[layers.Count + 1][];
            var forward = new double[layers.Count];
            var backward = new double[layers.Count];
            inputs[0] = _x;
            for (var i = 0; i < layers.Count; i++) inputs[i + 1] = new float[_batch * layers[i].OutputShape.Size];
            var grads = inputs.Select(a => new float[a.Length]).ToArray();
            var rng = new Random(1);
            for (var i = 0; i < grads[^1].Length; i++) grads[^1][i] = rng.NextSingle() - 0.5f;
            for (var r = 0; r < repeats; r++)
            {
                for (var i = 0; i < layers.Count; i++)
                {
                    var t = Stopwatch.GetTimestamp();
                    layers[i].Forward(inputs[i], inputs[i + 1], _batch, _context);
                    forward[i] += Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                }
                for (var i = layers.Count - 1; i >= 0; i--)
                {
                    var t = Stopwatch.GetTimestamp();
                    layers[i].Backward(inputs[i], inputs[i + 1], grads[i + 1], i == 0 ? null : grads[i], _batch, _context);
                    backward[i] += Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                }
            }
            for (var i = 0; i < layers.Count; i++)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{layers[i].Describe(),-40} forward {forward[i] / repeats,8:0.00} ms  backward {backward[i] / repeats,8:0.00} ms"));
        }

        /// <summary>Synthetic profiles: a few Gaussian peaks (σ = 0.4 points) on 180 points, max 1.</summary>
        public static float[] Profiles(int rows, int seed)
        {
            var rng = new Random(seed);
            var x = new float[rows * Length];
            for (var r = 0; r < rows; r++)
                for (var k = 0; k < 12; k++)
                {
                    var centre = rng.NextDouble() * Length;
                    var height = rng.NextDouble();
                    for (var i = 0; i < Length; i++) x[r * Length + i] += (float)(height * Math.Exp(-0.5 * Math.Pow((i - centre) / 0.4, 2)));
                }
            return x;
        }
    }
}

/// <summary>BenchmarkDotNet view of the same training step (time per batch of 64; samples/s = 64 / time).</summary>
[MemoryDiagnoser]
public class CnnTrainingBenchmark
{
    private CnnThroughput.TrainingStep _step = null!;

    [Params(1, 2)] public int Threads { get; set; }

    [GlobalSetup]
    public void Setup() => _step = new CnnThroughput.TrainingStep(new CnnHyperParameters(), 64, Threads);

    [Benchmark] public void TrainBatch64() => _step.Train();
}
