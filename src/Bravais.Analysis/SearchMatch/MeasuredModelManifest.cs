using Bravais.Diffraction.Augmentation;
using Bravais.Analysis.Cleaning;

namespace Bravais.Analysis.SearchMatch;

/// <summary>
/// Calibration on the validation queries: fitted temperature, NLL and ECE (15 bins) before and after, accuracy, and the
/// fraction of queries whose own reference stayed in the library (0 in models before format 3: all were hidden).
/// </summary>
public sealed record CalibrationSummary(double Temperature, int Rows, double Accuracy, double NllBefore, double NllAfter, double EceBefore, double EceAfter,
    double InLibraryFraction = 0);

/// <summary>
/// measured.json inside a measured-pattern model file (a zip also holding library.bin): the matcher, the
/// preprocessing applied to every measured file, the augmentation used to make the calibration queries, the
/// temperature, and where the reference crystals came from.
/// </summary>
public sealed record MeasuredModelManifest(
    int FormatVersion,
    string Kind,
    string BravaisVersion,
    DateTime CreatedUtc,
    string[] Classes,
    MatcherOptions Matcher,
    PreprocessingOptions Preprocessing,
    string PreprocessingDescription,
    MeasuredAugmentation Augmentation,
    CalibrationSummary Calibration,
    int Seed,
    int LibraryEntries,
    int LibraryPeaks,
    string LibrarySource,
    double TrainingMinutes)
{
    public const string KindName = "measured-pattern-matcher";
    /// <summary>
    /// 2: the matcher has IntensityPower, RelativeTolerance and SymmetryPreference (format 1 models ran without them).
    /// 3: the matcher may refine cells (RefineCandidates …) and the library may carry cells; a bravais that knows only
    /// format 2 would silently skip the refinement, so it must refuse such a model.
    /// 4: the matcher's comparison grid, wavelength and width are one <see cref="Diffraction.Instrument"/> (formats 1–3 wrote
    /// StartDegrees, StopDegrees, StepDegrees, SigmaDegrees and WavelengthAngstrom; <see cref="Upgrade"/> reads them).
    /// </summary>
    public const int CurrentFormatVersion = 4;

    /// <summary>A manifest of formats 1–3 in the current form: the matcher's five acquisition numbers become its instrument.</summary>
    public static System.Text.Json.Nodes.JsonNode Upgrade(System.Text.Json.Nodes.JsonNode manifest)
    {
        if (manifest["Matcher"] is not System.Text.Json.Nodes.JsonObject matcher || !matcher.ContainsKey("StartDegrees")) return manifest;
        double Take(string name, double fallback)
        {
            var v = matcher[name]?.GetValue<double>() ?? fallback;
            matcher.Remove(name);
            return v;
        }
        var start = Take("StartDegrees", 5); var stop = Take("StopDegrees", 90); var step = Take("StepDegrees", 0.1);
        var sigma = Take("SigmaDegrees", 0.15); var wavelength = Take("WavelengthAngstrom", Diffraction.Physics.Radiation.CuKa.WavelengthAngstrom);
        var radiation = wavelength == Diffraction.Physics.Radiation.CuKa.WavelengthAngstrom ? Diffraction.Physics.Radiation.CuKa : Diffraction.Physics.Radiation.FromWavelength(wavelength);
        var instrument = new Diffraction.Instrument(radiation, Diffraction.Patterns.AngleGrid.FromRange(start, stop, step), new Diffraction.Profiles.GaussianProfile(sigma));
        matcher["Instrument"] = System.Text.Json.JsonSerializer.SerializeToNode(instrument, MeasuredModel.Json);
        return manifest;
    }
}
