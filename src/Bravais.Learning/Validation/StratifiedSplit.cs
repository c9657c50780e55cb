namespace Bravais.Learning.Validation;

/// <summary>Row indices of the three parts of a dataset (each sorted ascending).</summary>
public sealed record TrainValidationTest(int[] Train, int[] Validation, int[] Test);

/// <summary>
/// Stratified train / validation / test split. Within each class the rows are shuffled (seeded) and the
/// first ones go to test, the next to validation, the rest to train. The number per class follows the
/// fractions with cumulative rounding across classes (classes in label order), so the global part sizes are
/// exact to one row and every class is within one row of its proportional share.
/// Rare classes: a class with fewer than <see cref="MinimumForHoldOut"/> members keeps all of them in
/// train (it could not be both learned and evaluated), and a held-out class always keeps at least one
/// row in train. This matters for the space-group target, where many groups have only a few crystals.
/// </summary>
public static class StratifiedSplit
{
    public const int MinimumForHoldOut = 3;

    public static TrainValidationTest Split(IReadOnlyList<int> labels, double validationFraction = 0.1, double testFraction = 0.1, int seed = 0)
    {
        if (validationFraction < 0 || testFraction < 0 || validationFraction + testFraction >= 1)
            throw new LearningException($"invalid split fractions: validation {validationFraction}, test {testFraction} (need ≥ 0 and a sum < 1)");
        var byClass = GroupByClass(labels, seed);
        var train = new List<int>(); var validation = new List<int>(); var test = new List<int>();
        long eligibleSoFar = 0; int testSoFar = 0, validationSoFar = 0;
        foreach (var rows in byClass)
        {
            if (rows.Count < MinimumForHoldOut) { train.AddRange(rows); continue; }
            eligibleSoFar += rows.Count;
            var testTarget = (int)Math.Round(eligibleSoFar * testFraction, MidpointRounding.AwayFromZero);
            var validationTarget = (int)Math.Round(eligibleSoFar * validationFraction, MidpointRounding.AwayFromZero);
            var nTest = Math.Max(0, testTarget - testSoFar);
            var nValidation = Math.Max(0, validationTarget - validationSoFar);
            while (nTest + nValidation > rows.Count - 1)
            {
                if (nValidation >= nTest && nValidation > 0) nValidation--; else nTest--;
            }
            test.AddRange(rows.Take(nTest));
            validation.AddRange(rows.Skip(nTest).Take(nValidation));
            train.AddRange(rows.Skip(nTest + nValidation));
            testSoFar += nTest; validationSoFar += nValidation;
        }
        train.Sort(); validation.Sort(); test.Sort();
        return new TrainValidationTest(train.ToArray(), validation.ToArray(), test.ToArray());
    }

    /// <summary>Rows of each class (classes in ascending label order), each list shuffled with the seed.</summary>
    internal static List<List<int>> GroupByClass(IReadOnlyList<int> labels, int seed)
    {
        var groups = new SortedDictionary<int, List<int>>();
        for (var i = 0; i < labels.Count; i++)
        {
            if (!groups.TryGetValue(labels[i], out var list)) groups[labels[i]] = list = [];
            list.Add(i);
        }
        var random = new Random(seed);
        var result = new List<List<int>>(groups.Count);
        foreach (var (_, rows) in groups)
        {
            var array = rows.ToArray();
            random.Shuffle(array);
            result.Add([.. array]);
        }
        return result;
    }
}
