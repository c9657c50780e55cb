using Bravais.Learning.NeuralNetworks.Training;

namespace Bravais.Learning.Models.Neural;

/// <summary>Pieces shared by the neural model families: data conversion, validation hold-out, file headers.</summary>
internal static class NeuralFitting
{
    public static SampleSet ToSamples(LabelledRows rows) => new(rows.X.Values, rows.Y, rows.X.Columns);

    /// <summary>
    /// The training and validation sets to use: the given validation split, or a seeded stratified
    /// hold-out of <paramref name="fraction"/> of the training rows when none is given (and early stopping is on).
    /// </summary>
    public static (SampleSet Train, SampleSet? Validation) Split(LabelledRows train, LabelledRows? validation, bool earlyStopping, float fraction, int seed)
    {
        if (validation is not null) return (ToSamples(train), ToSamples(validation));
        if (!earlyStopping || fraction <= 0 || train.Count < 20) return (ToSamples(train), null);
        var rng = new Random(Trainer.Mix(seed, 7919, 0));
        var held = new List<int>();
        var kept = new List<int>();
        foreach (var group in Enumerable.Range(0, train.Count).GroupBy(i => train.Y[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            rng.Shuffle(members);
            var take = members.Length >= 2 ? Math.Max(1, (int)Math.Round(members.Length * fraction)) : 0;
            held.AddRange(members.Take(take));
            kept.AddRange(members.Skip(take));
        }
        held.Sort(); kept.Sort();
        return (Subset(train, kept), Subset(train, held));
    }

    private static SampleSet Subset(LabelledRows rows, List<int> index) =>
        new(rows.X.SelectRows(index).Values, index.Select(i => rows.Y[i]).ToArray(), rows.X.Columns);
}
