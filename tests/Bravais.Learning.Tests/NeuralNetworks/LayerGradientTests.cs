using Bravais.Learning.NeuralNetworks.Core;
using Bravais.Learning.NeuralNetworks.Layers;
using Xunit;

namespace Bravais.Learning.Tests.NeuralNetworks;

/// <summary>Finite-difference gradient checks for every layer type (see <see cref="GradientChecker"/>).</summary>
public class LayerGradientTests
{
    private static float[] Build(Layer layer, Shape input, int batch, int seed, double scale = 1.0)
    {
        layer.Build(input, new Random(seed));
        return GradientChecker.Random(batch * input.Size, seed + 1, scale);
    }

    [Fact]
    public void Dense()
    {
        var layer = new Dense(19);
        var x = Build(layer, new Shape(3, 7), batch: 5, seed: 1);
        GradientChecker.Check(layer, x, 5);
    }

    [Theory]
    [InlineData(3, 1, 1, 1)]   // "same" padding
    [InlineData(3, 2, 2, 2)]   // stride and dilation
    [InlineData(5, 3, 1, 0)]   // no padding, stride 3
    [InlineData(4, 1, 3, 5)]   // even kernel, padding wider than needed
    [InlineData(1, 2, 1, 0)]   // 1×1 strided (residual shortcut)
    public void Conv1D(int kernel, int stride, int dilation, int padding)
    {
        // 5 → 18 channels over 23 points: exercises the 4×16 and edge paths of the GEMM.
        var layer = new Conv1D(18, kernel, stride, dilation, padding);
        var x = Build(layer, new Shape(5, 23), batch: 3, seed: kernel * 10 + stride, scale: 0.5);
        GradientChecker.Check(layer, x, 3, maxChecks: 120);
    }

    [Theory]
    [InlineData(4, 9)]  // channels × length (after a convolution)
    [InlineData(6, 1)]  // features (after a dense layer)
    public void BatchNormInTrainingMode(int channels, int length)
    {
        var layer = new BatchNorm1D();
        var x = Build(layer, new Shape(channels, length), batch: 4, seed: 3, scale: 2.0);
        // Give γ and β non-trivial values so their gradients and the scaling are exercised.
        var rng = new Random(4);
        for (var i = 0; i < channels; i++) { layer.Parameters[0].Value[i] = 0.5f + rng.NextSingle(); layer.Parameters[1].Value[i] = rng.NextSingle() - 0.5f; }
        GradientChecker.Check(layer, x, 4, step: 1e-2f);
    }

    [Fact]
    public void ReLUAwayFromTheKink()
    {
        var layer = new ReLU();
        var x = Build(layer, new Shape(2, 15), batch: 3, seed: 5);
        for (var i = 0; i < x.Length; i++) if (MathF.Abs(x[i]) < 0.05f) x[i] = x[i] < 0 ? -0.1f : 0.1f;
        GradientChecker.Check(layer, x, 3, step: 1e-3f);
    }

    [Fact]
    public void Gelu()
    {
        var layer = new Gelu();
        var x = Build(layer, new Shape(2, 15), batch: 3, seed: 6, scale: 2.0);
        GradientChecker.Check(layer, x, 3);
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 2)] // overlapping windows
    public void MaxPool(int kernel, int stride)
    {
        var layer = new MaxPool1D(kernel, stride);
        layer.Build(new Shape(3, 13), new Random(7));
        // Distinct values at least 0.01 apart so a ±1e-3 step never changes which value is the maximum.
        var n = 2 * 3 * 13;
        var x = Enumerable.Range(0, n).Select(i => 0.01f * i).ToArray();
        new Random(8).Shuffle(x);
        GradientChecker.Check(layer, x, 2, step: 1e-3f);
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(4, 3)]
    public void AvgPool(int kernel, int stride)
    {
        var layer = new AvgPool1D(kernel, stride);
        var x = Build(layer, new Shape(3, 14), batch: 2, seed: 9);
        GradientChecker.Check(layer, x, 2);
    }

    [Fact]
    public void GlobalAveragePool()
    {
        var layer = new GlobalAveragePool();
        var x = Build(layer, new Shape(4, 11), batch: 3, seed: 10);
        GradientChecker.Check(layer, x, 3);
        Assert.Equal(Shape.Features(4), layer.OutputShape);
    }

    [Theory]
    [InlineData(6, 1, 1)]  // identity shortcut
    [InlineData(8, 2, 1)]  // projection shortcut (channels and stride change)
    [InlineData(6, 1, 2)]  // dilated
    public void ResidualBlock(int channels, int stride, int dilation)
    {
        var inChannels = 6;
        var layer = new ResidualBlock(channels, 3, stride, dilation);
        var x = Build(layer, new Shape(inChannels, 12), batch: 3, seed: 11 + channels + stride, scale: 0.5);
        GradientChecker.Check(layer, x, 3, step: 2e-3f);
    }

    [Fact]
    public void ProfileWithSideInputs()
    {
        // A conv trunk over the first 10 values; the 3 side features pass straight through to the output.
        var layer = new ProfileWithSideInputs(10, [new Conv1D(4, 3), new BatchNorm1D(), new Gelu(), new AvgPool1D(2)]);
        var x = Build(layer, new Shape(1, 13), batch: 3, seed: 14);
        Assert.Equal(Shape.Features(4 * 5 + 3), layer.OutputShape);
        GradientChecker.Check(layer, x, 3);
    }

    [Fact]
    public void DropoutScalesKeptValuesAndPassesGradientThroughTheSameMask()
    {
        var layer = new Dropout(0.4f, seed: 12);
        var x = Build(layer, new Shape(10, 10), batch: 4, seed: 12);
        for (var i = 0; i < x.Length; i++) x[i] = MathF.Abs(x[i]) + 0.1f;
        var y = new float[x.Length];
        var dy = GradientChecker.Random(x.Length, 13);
        var dx = new float[x.Length];
        var training = new RunContext(2, training: true);
        layer.Forward(x, y, 4, training);
        layer.Backward(x, y, dy, dx, 4, training);
        var dropped = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var m = y[i] / x[i]; // 0 or 1/(1-p)
            Assert.True(m == 0f || MathF.Abs(m - 1f / 0.6f) < 1e-5f, $"mask value {m}");
            if (m == 0f) dropped++;
            Assert.Equal(dy[i] * m, dx[i], 5);
        }
        Assert.InRange(dropped, 400 * 0.3, 400 * 0.5); // binomial(400, 0.4): mean 160, sd ≈ 9.8
        layer.Forward(x, y, 4, new RunContext(2, training: false));
        Assert.Equal(x, y);
    }

    [Fact]
    public void ConvolutionWeightGradientOfTheFirstShardedPassEqualsTheSingleThreadedOne()
    {
        // The per-shard gradient buffers are created on first use; when that happened inside the parallel
        // shards, one shard could write into a buffer the other had just replaced, and its part of the
        // gradient was lost on the first step only (CI caught it as an irreproducible seeded training).
        // Fresh layers, many times, so the race has many chances to show.
        float[] Gradient(int shards, int seed)
        {
            var layer = new Conv1D(16, 5);
            var x = Build(layer, new Shape(2, 400), batch: 8, seed: seed);
            var y = new float[8 * layer.OutputShape.Size];
            var dy = GradientChecker.Random(y.Length, seed + 2);
            var context = new RunContext(shards, training: true);
            layer.Forward(x, y, 8, context);
            foreach (var p in layer.Parameters) p.ZeroGradient();
            layer.Backward(x, y, dy, null, 8, context);
            return [.. layer.Parameters.SelectMany(p => p.Gradient)];
        }
        for (var trial = 0; trial < 200; trial++)
        {
            var single = Gradient(1, trial);
            var sharded = Gradient(8, trial);
            for (var i = 0; i < single.Length; i++)
                Assert.True(MathF.Abs(single[i] - sharded[i]) <= 1e-4f * (1 + MathF.Abs(single[i])), $"trial {trial}, gradient {i}: {sharded[i]} with 8 shards vs {single[i]} with 1");
        }
    }
}
