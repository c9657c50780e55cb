using Bravais.Diffraction.Preprocessing;

namespace Bravais.Learning.Measured;

/// <summary>Calibration on the validation queries: fitted temperature, NLL and ECE (15 bins) before and after, and accuracy.</summary>
public sealed record CalibrationSummary(double Temperature, int Rows, double Accuracy, double NllBefore, double NllAfter, double EceBefore, double EceAfter);

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
    /// <summary>2: the matcher has IntensityPower, RelativeTolerance and SymmetryPreference (format 1 models ran without them).</summary>
    public const int CurrentFormatVersion = 2;
}
