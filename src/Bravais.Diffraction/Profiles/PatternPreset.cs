using Bravais.Crystallography.Structures;
using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Physics;
using Bravais.Diffraction.Powder;

namespace Bravais.Diffraction.Profiles;

/// <summary>
/// A named recipe from structure to rendered pattern: the <see cref="Instrument"/> (radiation, grid, profile), the 2θ
/// range of the peak calculation with sticks scaled so the strongest is 100, and how sticks become profiles.
/// </summary>
public sealed class PatternPreset
{
    public string Name { get; }
    public string Description { get; }
    public Instrument Instrument { get; }
    /// <summary>The peak calculation: the instrument's radiation, the 2θ range, scaling.</summary>
    public PowderOptions Options { get; }
    public ProfileNormalisation Normalisation { get; }
    public PowderCalculator Calculator { get; }

    public PatternPreset(string name, string description, Instrument instrument, double calculationMinDegrees, double calculationMaxDegrees,
        bool scaled, ProfileNormalisation normalization)
        : this(name, description, instrument, new PowderOptions { Radiation = instrument.Radiation, TwoThetaMinDegrees = calculationMinDegrees, TwoThetaMaxDegrees = calculationMaxDegrees, Scaled = scaled }, normalization)
    {
    }

    private PatternPreset(string name, string description, Instrument instrument, PowderOptions options, ProfileNormalisation normalization)
    {
        (Name, Description, Instrument, Options, Normalisation) = (name, description, instrument, options, normalization);
        Calculator = new PowderCalculator(Options);
    }

    public Radiation Radiation => Instrument.Radiation;
    public AngleGrid Grid => Instrument.Grid;
    public PeakProfile Profile => Instrument.Profile;

    /// <summary>The same recipe with another reflection limit (<see cref="PowderOptions.MaxReflections"/>; 0 = none).</summary>
    public PatternPreset WithMaxReflections(long maxReflections) =>
        maxReflections == Options.MaxReflections ? this : new(Name, Description, Instrument, Options with { MaxReflections = maxReflections }, Normalisation);

    /// <summary>Renders a structure's pattern into <paramref name="output"/> (length = grid count). Allocation-free with a reused workspace.</summary>
    public void Render(Structure structure, PowderWorkspace workspace, Span<double> output) => Render(structure, workspace, output, CancellationToken.None);

    /// <summary>Renders a structure's pattern; stops with <see cref="OperationCanceledException"/> soon after <paramref name="cancellationToken"/> is cancelled.</summary>
    public void Render(Structure structure, PowderWorkspace workspace, Span<double> output, CancellationToken cancellationToken)
    {
        var (tt, y) = Calculator.CalculateSticks(structure, workspace, cancellationToken);
        ProfileRenderer.Render(tt.Span, y.Span, Grid, Profile, output, Normalisation);
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
        ProfileRenderer.Render(tt, y, Grid, Profile, rendered, Normalisation);
        for (var i = 0; i < rendered.Length; i++) profile[i] += (float)rendered[i];
    }

    /// <summary>The rendered pattern of a structure.</summary>
    public Pattern Render(Structure structure, PowderWorkspace? workspace = null)
    {
        var y = new double[Grid.Count];
        Render(structure, workspace ?? new PowderWorkspace(), y);
        return new Pattern(Instrument, y);
    }

    public override string ToString() => $"{Name}: {Description}";
}

/// <summary>The named presets.</summary>
public static class PatternPresets
{
    /// <summary>
    /// NANO281 / Kaggle (<see cref="Instrument.Nano281"/>): every pymatgen peak with 0 ≤ 2θ ≤ 90°, sticks scaled to max
    /// 100; y(2θ) = Σ_k I_k exp(−(2θ − 2θ_k)²/(2σ²)) with σ = 0.2° (peak-height convention, nothing renormalised after
    /// smearing, so overlapping peaks can exceed 100). Checked against the rows of the NANO281-format MP set: agreement
    /// to the 6 significant digits they are written with.
    /// </summary>
    public static PatternPreset Nano281 { get; } = new("nano281",
        "Cu Kα, 2θ 0.5–90° step 0.5 (180 points), Gaussian σ = 0.2°, sticks scaled to 100, peak-height sum",
        Instrument.Nano281, 0, 90, scaled: true, ProfileNormalisation.Height);

    /// <summary>High resolution (<see cref="Instrument.HighRes"/>): sticks of 0 ≤ 2θ ≤ 90° scaled to 100, peak-height sum.</summary>
    public static PatternPreset HighRes { get; } = new("highres",
        "Cu Kα, 2θ 5–90° step 0.05° (1,701 points), Gaussian σ = 0.04°, sticks scaled to 100, peak-height sum",
        Instrument.HighRes, 0, 90, scaled: true, ProfileNormalisation.Height);

    public static IReadOnlyList<PatternPreset> All { get; } = [Nano281, HighRes];

    /// <summary>
    /// The instrument of rows on <paramref name="grid"/> when a file states only its grid (NANO281 tables carry no 2θ,
    /// wavelength or width): the preset's with that grid, else the NANO281 radiation and profile on it.
    /// </summary>
    public static Instrument InstrumentFor(AngleGrid grid) =>
        All.FirstOrDefault(p => p.Grid == grid)?.Instrument ?? Instrument.Nano281.OnGrid(grid);

    /// <summary>Same as <see cref="ByName"/>.</summary>
    public static PatternPreset Get(string name) => ByName(name);

    public static PatternPreset ByName(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new DiffractionException($"unknown pattern preset '{name}' (known: {string.Join(", ", All.Select(p => p.Name))})");
}
