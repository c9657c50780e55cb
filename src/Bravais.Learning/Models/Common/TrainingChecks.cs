using Bravais.Learning.Features;
namespace Bravais.Learning.Models.Common;

/// <summary>Argument checks every family runs before fitting or predicting.</summary>
public static class TrainingChecks
{
    /// <summary>Non-empty rows, labels in range, every feature finite (names the first bad row and column).</summary>
    public static void Validate(LabelledRows rows, string family, string role = "training")
    {
        if (rows.Count == 0) throw new ArgumentException($"{family}: the {role} set is empty");
        if (rows.X.Rows != rows.Y.Length) throw new ArgumentException($"{family}: {role} set has {rows.X.Rows} feature rows but {rows.Y.Length} labels");
        if (rows.ClassCount < 2) throw new ArgumentException($"{family}: need at least 2 classes, got {rows.ClassCount}");
        for (var i = 0; i < rows.Y.Length; i++)
            if ((uint)rows.Y[i] >= (uint)rows.ClassCount)
                throw new ArgumentException($"{family}: {role} row {i} has label {rows.Y[i]}, outside 0..{rows.ClassCount - 1}");
        RequireFinite(rows.X, family, role);
    }

    public static void RequireFinite(FeatureMatrix x, string family, string role)
    {
        var values = x.Values;
        for (var k = 0; k < values.Length; k++)
            if (!float.IsFinite(values[k]))
                throw new ArgumentException($"{family}: {role} row {k / x.Columns}, column {k % x.Columns} is {values[k]} (features must be finite)");
    }

    /// <summary>Checks a prediction call's shapes against the fitted model.</summary>
    public static void CheckPredict(FeatureMatrix x, Span<float> probabilities, int expectedColumns, int classCount, string family, bool fitted)
    {
        if (!fitted) throw new InvalidOperationException($"{family}: the model is not fitted");
        if (x.Columns != expectedColumns) throw new ArgumentException($"{family}: the model was fitted on {expectedColumns} features, the input has {x.Columns}");
        if (probabilities.Length != (long)x.Rows * classCount) throw new ArgumentException($"{family}: probabilities span has {probabilities.Length} values, expected {x.Rows}×{classCount}");
    }

    /// <summary>Fixed chunks of [0, count): the same partition whatever the thread count, so reductions are deterministic.</summary>
    public static (int Start, int End)[] Chunks(int count, int chunkCount)
    {
        chunkCount = Math.Max(1, Math.Min(chunkCount, count));
        var chunks = new (int, int)[chunkCount];
        for (var c = 0; c < chunkCount; c++)
            chunks[c] = ((int)((long)count * c / chunkCount), (int)((long)count * (c + 1) / chunkCount));
        return chunks;
    }
}
