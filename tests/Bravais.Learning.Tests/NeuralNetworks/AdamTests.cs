using Bravais.Learning.NeuralNetworks.Core;
using Bravais.Learning.NeuralNetworks.Optimisers;
using Xunit;

namespace Bravais.Learning.Tests.NeuralNetworks;

/// <summary>Adam and AdamW steps against the update rule worked by hand (Kingma &amp; Ba 2015, Algorithm 1; Loshchilov &amp; Hutter 2019).</summary>
public class AdamTests
{
    /// <summary>
    /// Two steps of the rule in double precision: m ← β1 m + (1 − β1) g', v ← β2 v + (1 − β2) g'², m̂ = m/(1 − β1ᵗ),
    /// v̂ = v/(1 − β2ᵗ), w ← w(1 − η λ_decoupled) − η m̂/(√v̂ + ε), with g' = g + λ_L2 w.
    /// </summary>
    private static double[] ByHand(double[] w, double[][] gradients, double lr, double decay, bool decoupled)
    {
        var m = new double[w.Length]; var v = new double[w.Length]; var x = (double[])w.Clone();
        for (var t = 1; t <= gradients.Length; t++)
            for (var i = 0; i < x.Length; i++)
            {
                var g = gradients[t - 1][i] + (decoupled ? 0 : decay * x[i]);
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                var mHat = m[i] / (1 - Math.Pow(0.9, t));
                var vHat = v[i] / (1 - Math.Pow(0.999, t));
                x[i] = x[i] * (decoupled ? 1 - lr * decay : 1) - lr * mHat / (Math.Sqrt(vHat) + 1e-8);
            }
        return x;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TwoStepsFollowTheRuleOnTheVectorAndScalarPaths(bool decoupled)
    {
        // 19 weights: the SIMD loop takes the first multiple of the vector width, the scalar loop the rest
        const int n = 19;
        var w0 = Enumerable.Range(0, n).Select(i => 0.5 - 0.07 * i).ToArray();
        double[][] g = [Enumerable.Range(0, n).Select(i => Math.Sin(i + 1.0)).ToArray(), Enumerable.Range(0, n).Select(i => 0.3 * Math.Cos(2.0 * i)).ToArray()];
        var p = new Parameter("w", n, decay: true);
        for (var i = 0; i < n; i++) p.Value[i] = (float)w0[i];
        var adam = new Adam([p]) { WeightDecay = 0.1f, Decoupled = decoupled };
        foreach (var step in g)
        {
            for (var i = 0; i < n; i++) p.Gradient[i] = (float)step[i];
            adam.Update(0.05f);
        }
        var expected = ByHand(w0, g, 0.05, 0.1, decoupled);
        for (var i = 0; i < n; i++) Assert.Equal(expected[i], p.Value[i], 5);
        // the first step of bias-corrected Adam moves every weight by about η·sign(g) (plus the decay): a check that
        // needs no formula — without the correction the first step would be √(1−β2)/(1−β1) ≈ 0.32 of that
        Assert.Equal(2, adam.Step);
    }

    [Fact]
    public void TheFirstStepIsLearningRateTimesTheGradientSignAndDecayShrinksTheWeights()
    {
        var p = new Parameter("w", 3, decay: true);
        p.Value[0] = 2; p.Value[1] = -1; p.Value[2] = 0.5f;
        p.Gradient[0] = 4; p.Gradient[1] = -0.01f; p.Gradient[2] = 0;
        new Adam([p]) { WeightDecay = 0.5f, Decoupled = true }.Update(0.1f);
        // AdamW: w·(1 − ηλ) − η·g/|g| = 2·0.95 − 0.1, −1·0.95 + 0.1, 0.5·0.95 − 0
        Assert.Equal(1.8f, p.Value[0], 5);
        Assert.Equal(-0.85f, p.Value[1], 4);
        Assert.Equal(0.475f, p.Value[2], 6);
        var bias = new Parameter("b", 1, decay: false);
        bias.Value[0] = 1; bias.Gradient[0] = 1;
        new Adam([bias]) { WeightDecay = 0.5f }.Update(0.1f);
        Assert.Equal(0.9f, bias.Value[0], 5); // no decay on a parameter not marked for it
    }
}
