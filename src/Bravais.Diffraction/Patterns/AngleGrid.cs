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

    /// <summary>
    /// The most points a grid may have: 1,000,000 (8 MB of doubles per pattern), a step of 0.00018° over the whole
    /// 0–180° range — 50 times finer than a laboratory diffractometer's 0.01° step. A request such as 0:180:1e-7
    /// (1.8·10⁹ points, 14 GB) is refused before anything is allocated.
    /// </summary>
    public const int MaxPoints = 1_000_000;

    /// <summary>Grid from start to stop inclusive (stop is reached within 1e-9 of a step); at most <see cref="MaxPoints"/> points.</summary>
    public static AngleGrid FromRange(double start, double stop, double step)
    {
        var text = FormattableString.Invariant($"{start}:{stop}:{step}");
        if (!double.IsFinite(start) || !double.IsFinite(stop) || !double.IsFinite(step) || !(step > 0) || !(stop >= start))
            throw new DiffractionException($"invalid grid {text} (need finite numbers, start ≤ stop and step > 0)");
        var points = Math.Floor((stop - start) / step + 1e-9) + 1;
        if (!(points <= MaxPoints))
            throw new DiffractionException(FormattableString.Invariant(
                $"grid {text} would have {points:G3} points, more than the limit of {MaxPoints} (use a step of at least {(stop - start) / (MaxPoints - 1):G3}°)"));
        return new AngleGrid(start, step, (int)points);
    }

    /// <summary>Parses "start:stop:step" (degrees), the form every command writes a grid in.</summary>
    public static AngleGrid Parse(string text)
    {
        var parts = text.Split(':');
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                values = [];
        if (parts.Length != 3 || values.Length != 3)
            throw new DiffractionException($"'{text}' is not a 2θ grid: give start:stop:step in degrees, e.g. 0.5:90:0.5");
        return FromRange(values[0], values[1], values[2]);
    }

    public override string ToString() => FormattableString.Invariant($"{StartDegrees:0.####}:{StopDegrees:0.####}:{StepDegrees:0.####}");
}
