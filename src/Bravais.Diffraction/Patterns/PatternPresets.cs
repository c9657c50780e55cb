using Bravais.Diffraction.Powder;

namespace Bravais.Diffraction.Patterns;

/// <summary>
/// How a stick pattern becomes a profile for learning: a 2θ grid and a Gaussian peak of standard
/// deviation <see cref="GaussianSigmaDegrees"/> whose height is the peak's intensity (as the NANO281 data
/// was made: y(2θ) = Σ I_k exp(−(2θ − 2θ_k)² / 2σ²), sampled on the grid).
/// </summary>
public sealed record PatternPreset(string Name, AngleGrid Grid, double GaussianSigmaDegrees)
{
    /// <summary>Profile of a peak list on this preset's grid (float, one value per grid point).</summary>
    public float[] Render(PeakList peaks)
    {
        var y = new float[Grid.Count];
        Render(peaks.Peaks.Select(p => (p.TwoThetaDegrees, p.Intensity)), y);
        return y;
    }

    /// <summary>Adds Gaussians for (2θ, intensity) pairs into <paramref name="profile"/> (only within ±6σ of each peak).</summary>
    public void Render(IEnumerable<(double TwoThetaDegrees, double Intensity)> peaks, Span<float> profile)
    {
        if (profile.Length != Grid.Count) throw new DiffractionException($"profile has {profile.Length} points for the {Name} grid of {Grid.Count}");
        var sigma = GaussianSigmaDegrees;
        foreach (var (centre, height) in peaks)
        {
            var i0 = Math.Max(0, (int)Math.Floor((centre - 6 * sigma - Grid.StartDegrees) / Grid.StepDegrees));
            var i1 = Math.Min(Grid.Count - 1, (int)Math.Ceiling((centre + 6 * sigma - Grid.StartDegrees) / Grid.StepDegrees));
            for (var i = i0; i <= i1; i++)
            {
                var d = (Grid[i] - centre) / sigma;
                profile[i] += (float)(height * Math.Exp(-0.5 * d * d));
            }
        }
    }
}

/// <summary>The named presets.</summary>
public static class PatternPresets
{
    /// <summary>NANO281/Kaggle: 2θ 0.5–90° in 0.5° steps (180 points), σ = 0.2°.</summary>
    public static PatternPreset Nano281 { get; } = new("nano281", AngleGrid.Nano281, 0.2);

    /// <summary>
    /// High resolution: 2θ 5–90° in 0.05° steps (1,701 points), σ = 0.04° (FWHM ≈ 0.094°). A laboratory
    /// Bragg–Brentano diffractometer with Cu Kα has an instrumental FWHM of roughly 0.05–0.1° at low and
    /// middle angles, so σ = 0.04° is a realistic, slightly sharp laboratory peak; 0.05° steps put about two
    /// points in each FWHM, enough to locate a peak to a fraction of a step (the NANO281 grid's 0.5° steps
    /// and 0.2° σ lose these positions). 5–90° is the usual scan range (and that of the RRUFF patterns).
    /// </summary>
    public static PatternPreset HighRes { get; } = new("highres", AngleGrid.FromRange(5, 90, 0.05), 0.04);

    public static IReadOnlyList<PatternPreset> All { get; } = [Nano281, HighRes];

    public static PatternPreset Get(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new DiffractionException($"unknown pattern preset '{name}' (available: {string.Join(", ", All.Select(p => p.Name))})");
}
