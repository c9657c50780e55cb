using System.Numerics;
using Bravais.Learning.NeuralNetworks.Core;

namespace Bravais.Learning.NeuralNetworks.Optimisers;

/// <summary>
/// Adam (Kingma &amp; Ba 2015) with bias correction. Weight decay either as an L2 term added to the
/// gradient (classic Adam) or decoupled, applied directly to the weights (AdamW, Loshchilov &amp; Hutter
/// 2019). Decay applies only to parameters marked <see cref="Parameter.Decay"/>.
/// </summary>
public sealed class Adam
{
    private readonly IReadOnlyList<Parameter> _parameters;
    private readonly float[][] _m;
    private readonly float[][] _v;
    private int _step;

    public float Beta1 { get; init; } = 0.9f;
    public float Beta2 { get; init; } = 0.999f;
    public float Epsilon { get; init; } = 1e-8f;
    public float WeightDecay { get; init; }
    public bool Decoupled { get; init; } = true;

    public Adam(IReadOnlyList<Parameter> parameters)
    {
        _parameters = parameters;
        _m = parameters.Select(p => new float[p.Size]).ToArray();
        _v = parameters.Select(p => new float[p.Size]).ToArray();
    }

    public int Step => _step;

    /// <summary>One update with learning rate <paramref name="learningRate"/> from the current gradients.</summary>
    public void Update(float learningRate)
    {
        _step++;
        var c1 = 1f / (1f - MathF.Pow(Beta1, _step));
        var c2 = 1f / (1f - MathF.Pow(Beta2, _step));
        for (var k = 0; k < _parameters.Count; k++)
        {
            var p = _parameters[k];
            var decay = p.Decay ? WeightDecay : 0f;
            Update(p.Value, p.Gradient, _m[k], _v[k], learningRate, decay, c1, c2);
        }
    }

    private void Update(float[] w, float[] g, float[] m, float[] v, float lr, float decay, float c1, float c2)
    {
        var l2 = Decoupled ? 0f : decay;
        var shrink = Decoupled ? 1f - lr * decay : 1f;
        var i = 0;
        var width = Vector<float>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            var b1 = new Vector<float>(Beta1); var nb1 = new Vector<float>(1 - Beta1);
            var b2 = new Vector<float>(Beta2); var nb2 = new Vector<float>(1 - Beta2);
            var vl2 = new Vector<float>(l2); var vshrink = new Vector<float>(shrink);
            var vc1 = new Vector<float>(c1 * lr); var vc2 = new Vector<float>(c2); var veps = new Vector<float>(Epsilon);
            for (; i + width <= w.Length; i += width)
            {
                var wi = new Vector<float>(w, i);
                var gi = new Vector<float>(g, i) + vl2 * wi;
                var mi = b1 * new Vector<float>(m, i) + nb1 * gi;
                var vi = b2 * new Vector<float>(v, i) + nb2 * gi * gi;
                mi.CopyTo(m, i); vi.CopyTo(v, i);
                (wi * vshrink - vc1 * mi / (Vector.SquareRoot(vi * vc2) + veps)).CopyTo(w, i);
            }
        }
        for (; i < w.Length; i++)
        {
            var gi = g[i] + l2 * w[i];
            m[i] = Beta1 * m[i] + (1 - Beta1) * gi;
            v[i] = Beta2 * v[i] + (1 - Beta2) * gi * gi;
            w[i] = w[i] * shrink - lr * c1 * m[i] / (MathF.Sqrt(v[i] * c2) + Epsilon);
        }
    }
}
