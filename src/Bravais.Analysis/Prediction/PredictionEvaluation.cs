using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Datasets;
using Bravais.Learning.Calibration;
using Bravais.Learning.Metrics;

namespace Bravais.Analysis.Prediction;

/// <summary>
/// Predictions scored against their labels, whatever the model kind: the primary level's classification metrics (with
/// top-3 from the ranked probabilities), the accuracy at every level the model answers (NaN where it gives no answer),
/// the expected calibration error of the top probability (and before calibration, when the model reports it), and the
/// accuracy when abstaining below each threshold.
/// </summary>
public sealed record PredictionEvaluation(
    ModelSummary Model,
    IReadOnlyList<(StructureLabel Truth, PatternPrediction Prediction)> Scored,
    ClassificationMetrics Metrics,
    int[] TruthIndex,
    double BravaisAccuracy, double CrystalSystemAccuracy, double CrystalFamilyAccuracy, double SpaceGroupAccuracy,
    double CalibrationError, double UncalibratedCalibrationError,
    IReadOnlyList<(double Threshold, double Coverage, double Accuracy)> Curve)
{
    public static readonly double[] Thresholds = [0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

    public static PredictionEvaluation Of(ModelSummary model, IReadOnlyList<(StructureLabel Truth, PatternPrediction Prediction)> scored)
    {
        var classes = model.Classes;
        var index = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var n = scored.Count;
        var truth = new int[n]; var predicted = new int[n];
        var probabilities = new float[n * classes.Count];
        var confidence = new double[n]; var raw = new List<double>(); var right = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var (t, p) = scored[i];
            truth[i] = index[TruthLabel(t, model.Primary)];
            var ranked = p.At(model.Primary);
            predicted[i] = index[ranked[0].Label];
            foreach (var c in ranked) probabilities[i * classes.Count + index[c.Label]] = (float)c.Probability;
            confidence[i] = ranked[0].Probability;
            right[i] = predicted[i] == truth[i];
            if (p.Evidence.Uncalibrated is { Count: > 0 } u) raw.Add(u[0].Probability);
        }
        double Share(Func<StructureLabel, PatternPrediction, bool?> hit)
        {
            var answered = scored.Select(s => hit(s.Truth, s.Prediction)).ToList();
            return answered.Any(a => a is null) ? double.NaN : answered.Count(a => a == true) / (double)Math.Max(1, n);
        }
        return new PredictionEvaluation(model, scored,
            ClassificationMetrics.Compute(truth, predicted, classes, probabilities), truth,
            Share((t, p) => p.Lattice is { } l ? l == t.Lattice : null),
            Share((t, p) => p.CrystalSystem is { } s ? s == t.System : null),
            Share((t, p) => p.Lattice is { } l ? Family(l) == Family(t.Lattice) : p.CrystalSystem is { } s ? Family(s) == Family(t.System) : null),
            Share((t, p) => p.SpaceGroup is { } g ? g == t.SpaceGroup : null),
            Learning.Calibration.CalibrationError.Expected(confidence, right),
            raw.Count == n ? Learning.Calibration.CalibrationError.Expected(raw, right) : double.NaN,
            Learning.Calibration.CalibrationError.AccuracyVersusCoverage(confidence, right, Thresholds));
    }

    /// <summary>The true class at a level, as the model's class labels spell it.</summary>
    public static string TruthLabel(StructureLabel truth, PredictionLevel level) => level switch
    {
        PredictionLevel.BravaisLattice => truth.Lattice.Label(),
        PredictionLevel.CrystalSystem => truth.System.Name(),
        _ => truth.SpaceGroup.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The crystal family: trigonal and hexagonal are one (labels often call every hP hexagonal).</summary>
    public static CrystalSystem Family(BravaisLattice lattice) => Family(lattice.FamilySystem());

    public static CrystalSystem Family(CrystalSystem system) => system is CrystalSystem.Trigonal ? CrystalSystem.Hexagonal : system;
}
