using Bravais.Diffraction.Preprocessing;

namespace Bravais.Learning.Measured;

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
    /// </summary>
    public const int CurrentFormatVersion = 3;
}
