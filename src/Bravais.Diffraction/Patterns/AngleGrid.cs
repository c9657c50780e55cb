namespace Bravais.Diffraction.Patterns;

/// <summary>An evenly spaced 2θ grid: <c>Count</c> points from <c>StartDegrees</c> in steps of <c>StepDegrees</c>.</summary>
public readonly record struct AngleGrid(double StartDegrees, double StepDegrees, int Count)
{
    /// <summary>The NANO281/Kaggle grid: 2θ = 0.5, 1.0, …, 90.0° (180 points).</summary>
    public static AngleGrid Nano281 => new(0.5, 0.5, 180);

    public double this[int i] => StartDegrees + i * StepDegrees;
    public double StopDegrees => this[Count - 1];

    /// <summary>Every 2θ of the grid (degrees).</summary>
    public double[] Values()
    {
        var x = new double[Count];
        for (var i = 0; i < x.Length; i++) x[i] = this[i];
        return x;
    }

    /// <summary>Grid from start to stop inclusive (stop is reached within 1e-9 of a step).</summary>
    public static AngleGrid FromRange(double start, double stop, double step)
    {
        if (!(step > 0) || !(stop >= start)) throw new DiffractionException($"invalid grid {start}:{stop}:{step} (need start ≤ stop and step > 0)");
        var n = (int)Math.Floor((stop - start) / step + 1e-9) + 1;
        return new AngleGrid(start, step, n);
    }

    public override string ToString() => FormattableString.Invariant($"{StartDegrees:0.####}:{StopDegrees:0.####}:{StepDegrees:0.####}");
}
