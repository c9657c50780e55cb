using Bravais.Learning.Models;
using Bravais.Learning.Models.Ensemble;
using Bravais.Learning.Validation;

namespace Bravais.Learning.Training;

/// <summary>A formed ensemble: its CV run, refit and fitted model, and a line for the log.</summary>
internal sealed record EnsembleOutcome(CvRun Run, FamilyResult Result, IClassifier Model, string Summary);

/// <summary>
/// Step 4b of the protocol: a soft-voting ensemble chosen by ensemble selection over a library of searched settings (every
/// setting of every family that reads the requested features and has complete held-out predictions), scored per fold with
/// weights chosen on the other folds (hold-out mode: five stratified parts of the validation split). The chosen settings
/// are refitted (a family's best setting already was). Null when fewer than two families qualify or the selection keeps a
/// single setting.
/// </summary>
internal static class EnsembleStep
{
    public static EnsembleOutcome? Form(TrainingContext c, SearchOutcome search, Refitting refitting)
    {
        var requested = c.Request.EffectivePreprocessing;
        var library = search.Runs.Where(r => search.HeldProbabilities.GetValueOrDefault(r) is not null
            && ClassifierFamilies.PreprocessingFor(ClassifierFamilies.Get(r.Family), requested) == requested).ToList();
        if (library.Select(r => r.Family).Distinct().Count() < 2) return null;
        var heldLabels = c.HeldLabels;
        IReadOnlyList<IReadOnlyList<int>> groups = !c.Holdout ? c.HeldRows
            : StratifiedKFold.Split(heldLabels, Math.Min(5, Math.Max(2, heldLabels.Length / 50)), c.Request.Seed).Select(f => (IReadOnlyList<int>)f.Held).ToList();
        var k = c.K;
        var (groupAccuracy, counts) = EnsembleSelection.CrossValidate(library.Select(r => search.HeldProbabilities[r]!).ToList(), heldLabels, k, groups);
        var chosen = Enumerable.Range(0, library.Count).Where(i => counts[i] > 0).ToList();
        if (chosen.Count < 2) return null;
        var members = chosen.Select(i =>
        {
            var run = library[i];
            c.Progress?.Report(new TrainingProgress("refit", 0, 1, $"refitting ensemble member {run.Family} {SettingText.Short(run.HyperParameters, c.Request.EffectiveGrid.For(ClassifierFamilies.Get(run.Family)))}"));
            return refitting.Of(run);
        }).ToList();
        var weights = chosen.Select(i => counts[i]).ToArray();
        var hp = new EnsembleHyperParameters(chosen.Select(i => new EnsembleMember(library[i].Family, Persistence.ClassifierFile.ToJson(library[i].HyperParameters), counts[i])).ToList());
        var model = EnsembleClassifier.FromFitted(hp, members.Select(m => m.Model).ToList());
        var validation = EnsembleSelection.Mix(members.Select(m => m.Validation).ToList(), weights, k, members[0].Validation.Length / k);
        var test = EnsembleSelection.Mix(members.Select(m => m.Test).ToList(), weights, k, members[0].Test.Length / k);
        var fitSeconds = members.Sum(m => m.FitSeconds);
        var perSecond = 1 / members.Sum(m => 1 / Math.Max(1e-9, m.PatternsPerSecond));
        var run = new CvRun(EnsembleFamily.FamilyName, hp, double.NaN, groupAccuracy, groupAccuracy.Select(_ => double.NaN).ToArray(), chosen.Sum(i => library[i].FitSeconds));
        var space = c.SpaceOf(requested);
        var result = new FamilyResult(EnsembleFamily.FamilyName, run, Scoring.Metrics(space.Validation.Y, validation, c.Classes), Scoring.Metrics(space.Test.Y, test, c.Classes), fitSeconds, perSecond);
        var summary = FormattableString.Invariant($"ensemble of {string.Join(" + ", chosen.Select(i => $"{counts[i]}×{library[i].Family}"))} (from {library.Count} settings): CV {100 * run.Mean:0.0}% ± {100 * run.Std:0.0}%, weights chosen without the scored fold");
        return new EnsembleOutcome(run, result, model, summary);
    }
}
