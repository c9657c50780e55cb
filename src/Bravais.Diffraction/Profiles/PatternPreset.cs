using Bravais.Crystallography.Structures;
using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Physics;
using Bravais.Diffraction.Powder;

namespace Bravais.Diffraction.Profiles;

/// <summary>
/// A named recipe from structure to rendered pattern: radiation and 2θ range of the peak calculation (sticks
/// scaled so the strongest is 100), the grid, and the profile.
/// </summary>
public sealed class PatternPreset
{
    public string Name { get; }
    public string Description { get; }
    public PowderOptions Options { get; }
    public AngleGrid Grid { get; }
    public PeakProfile Profile { get; }
    public ProfileNormalization Normalization { get; }
    public PowderCalculator Calculator { get; }

    public PatternPreset(string name, string description, PowderOptions options, AngleGrid grid, PeakProfile profile, ProfileNormalization normalization)
    {
        (Name, Description, Options, Grid, Profile, Normalization) = (name, description, options, grid, profile, normalization);
        Calculator = new PowderCalculator(options);
    }

    public Radiation Radiation => Options.Radiation;

    /// <summary>The same recipe with another reflection limit (<see cref="PowderOptions.MaxReflections"/>; 0 = none).</summary>
    public PatternPreset WithMaxReflections(long maxReflections) =>
        maxReflections == Options.MaxReflections ? this : new(Name, Description, Options with { MaxReflections = maxReflections }, Grid, Profile, Normalization);

    /// <summary>Renders a structure's pattern into <paramref name="output"/> (length = grid count). Allocation-free with a reused workspace.</summary>
    public void Render(Structure structure, PowderWorkspace workspace, Span<double> output) => Render(structure, workspace, output, CancellationToken.None);

    /// <summary>Renders a structure's pattern; stops with <see cref="OperationCanceledException"/> soon after <paramref name="cancellationToken"/> is cancelled.</summary>
    public void Render(Structure structure, PowderWorkspace workspace, Span<double> output, CancellationToken cancellationToken)
    {
        var (tt, y) = Calculator.CalculateSticks(structure, workspace, cancellationToken);
        ProfileRenderer.Render(tt.Span, y.Span, Grid, Profile, output, Normalization);
    }

    /// <summary>The Gaussian σ (degrees) of a Gaussian preset; NaN for other profiles.</summary>
    public double GaussianSigmaDegrees => Profile is GaussianProfile g ? g.SigmaDegrees : double.NaN;

    /// <summary>Profile of a peak list on this preset's grid, as floats (for learning).</summary>
    public float[] Render(PeakList peaks)
    {
        var y = new float[Grid.Count];
        Render(peaks.Peaks.Select(p => (p.TwoThetaDegrees, p.Intensity)), y);
        return y;
    }

    /// <summary>Adds the profiles of (2θ, intensity) sticks into <paramref name="profile"/> (float, one value per grid point).</summary>
    public void Render(IEnumerable<(double TwoThetaDegrees, double Intensity)> peaks, Span<float> profile)
    {
        if (profile.Length != Grid.Count) throw new DiffractionException($"profile has {profile.Length} points for the {Name} grid of {Grid.Count}");
        var sticks = peaks.ToArray();
        var tt = sticks.Select(p => p.TwoThetaDegrees).ToArray();
        var y = sticks.Select(p => p.Intensity).ToArray();
        var rendered = new double[Grid.Count];
        ProfileRenderer.Render(tt, y, Grid, Profile, rendered, Normalization);
        for (var i = 0; i < rendered.Length; i++) profile[i] += (float)rendered[i];
    }

    /// <summary>The rendered pattern of a structure.</summary>
    public Pattern Render(Structure structure, PowderWorkspace? workspace = null)
    {
        var y = new double[Grid.Count];
        Render(structure, workspace ?? new PowderWorkspace(), y);
        return Pattern.OnGrid(Grid, y, Radiation.WavelengthAngstrom);
    }

    public override string ToString() => $"{Name}: {Description}";
}

/// <summary>The named presets.</summary>
public static class PatternPresets
{
    /// <summary>
    /// NANO281 / Kaggle: Cu Kα (1.54184 Å); every pymatgen peak with 0 ≤ 2θ ≤ 90°, sticks scaled to max 100;
    /// grid 2θ = 0.5, 1.0, …, 90.0 (180 points); y(2θ) = Σ_k I_k exp(−(2θ − 2θ_k)²/(2σ²)) with σ = 0.2°
    /// (peak-height convention, nothing renormalised after smearing, so overlapping peaks can exceed 100).
    /// Checked against the rows of the NANO281-format MP set: agreement to the 6 significant digits they are written with.
    /// </summary>
    public static PatternPreset Nano281 { get; } = new("nano281",
        "Cu Kα, 2θ 0.5–90° step 0.5 (180 points), Gaussian σ = 0.2°, sticks scaled to 100, peak-height sum",
        new PowderOptions { Radiation = Radiation.CuKa, TwoThetaMinDegrees = 0, TwoThetaMaxDegrees = 90, Scaled = true },
        AngleGrid.Nano281, new GaussianProfile(0.2), ProfileNormalization.Height);

    /// <summary>
    /// High resolution: Cu Kα, 2θ 5–90° in 0.05° steps (1,701 points), Gaussian σ = 0.04° (FWHM ≈ 0.094°), sticks
    /// scaled to 100, peak-height sum. A laboratory Bragg–Brentano diffractometer with Cu Kα has an instrumental FWHM of
    /// roughly 0.05–0.1° at low and middle angles, so σ = 0.04° is a realistic, slightly sharp laboratory peak; 0.05°
    /// steps put about two points in each FWHM; 5–90° is the usual scan range (and that of the RRUFF patterns).
    /// </summary>
    public static PatternPreset HighRes { get; } = new("highres",
        "Cu Kα, 2θ 5–90° step 0.05° (1,701 points), Gaussian σ = 0.04°, sticks scaled to 100, peak-height sum",
        new PowderOptions { Radiation = Radiation.CuKa, TwoThetaMinDegrees = 0, TwoThetaMaxDegrees = 90, Scaled = true },
        AngleGrid.FromRange(5, 90, 0.05), new GaussianProfile(0.04), ProfileNormalization.Height);

    public static IReadOnlyList<PatternPreset> All { get; } = [Nano281, HighRes];

    /// <summary>Same as <see cref="ByName"/>.</summary>
    public static PatternPreset Get(string name) => ByName(name);

    public static PatternPreset ByName(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new DiffractionException($"unknown pattern preset '{name}' (known: {string.Join(", ", All.Select(p => p.Name))})");
}
