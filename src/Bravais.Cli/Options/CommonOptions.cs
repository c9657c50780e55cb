using System.CommandLine;
using Bravais.Diffraction;
using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Physics;
using Bravais.Diffraction.Profiles;

namespace Bravais.Cli.Options;

/// <summary>
/// The command line's one vocabulary, declared once: <c>--wavelength</c> (Å or an anode line, <see cref="Radiation.Parse"/>),
/// <c>--grid start:stop:step</c> (a 2θ grid, <see cref="AngleGrid.Parse"/>), <c>--preset NAME</c> (a named instrument and
/// rendering), <c>--seed</c> (int), <c>--threads</c>, <c>--top</c>, <c>--format</c>. Every command that takes one of these
/// takes it under this name, with this type and parser.
/// </summary>
internal static class CommonOptions
{
    public static Option<string?> Wavelength(string what) =>
        new("--wavelength") { Description = $"{what}: Å (e.g. 1.5406) or an anode line (Cu, CuKa1, Mo Ka2, Co Kb; a bare anode is its Kα doublet)" };

    public static Radiation? ParseWavelength(string? text) => text is null ? null : Radiation.Parse(text);

    public static Option<string?> Grid(string what) => new("--grid") { Description = $"{what}: start:stop:step in degrees 2θ" };

    public static AngleGrid? ParseGrid(string? text) => string.IsNullOrWhiteSpace(text) ? null : AngleGrid.Parse(text);

    public static Option<string?> Preset(string what) =>
        new("--preset") { Description = $"{what} ({string.Join(", ", PatternPresets.All.Select(p => $"{p.Name}: {p.Description}"))})" };

    public static Option<string> PresetWithDefault(string what, string defaultName) =>
        new("--preset") { Description = $"{what} ({string.Join(", ", PatternPresets.All.Select(p => p.Name))})", DefaultValueFactory = _ => defaultName };

    public static PatternPreset? ParsePreset(string? name) => name is null ? null : PatternPresets.ByName(name);

    /// <summary>The instrument of a dataset's columns: a preset's, or a grid (with the preset's radiation and width for that grid), with an optional radiation.</summary>
    public static Instrument? DataInstrument(string? preset, string? grid, Radiation? radiation)
    {
        if (preset is not null && grid is not null) throw new DiffractionException("give --preset or --grid, not both");
        var instrument = ParsePreset(preset)?.Instrument ?? (ParseGrid(grid) is { } g ? PatternPresets.InstrumentFor(g) : null);
        return radiation is null || instrument is null ? instrument : instrument with { Radiation = radiation };
    }

    public static Option<int> Seed(string what = "Seed of every random choice") => new("--seed") { Description = what, DefaultValueFactory = _ => 0 };

    public static Option<int> Threads() => new("--threads") { Description = "Threads (0 = all cores)", DefaultValueFactory = _ => 0 };

    public static Option<int> Top(int defaultValue = 3) => new("--top") { Description = "How many classes to list per level", DefaultValueFactory = _ => defaultValue };

    public static Option<string> Format(string defaultValue, params string[] allowed)
    {
        var option = new Option<string>("--format") { Description = string.Join(" | ", allowed), DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong(allowed);
        return option;
    }
}
