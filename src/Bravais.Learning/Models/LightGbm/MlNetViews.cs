using Microsoft.ML;
using Microsoft.ML.Data;
using Bravais.Learning.Features;

namespace Bravais.Learning.Models.LightGbm;

/// <summary>
/// FeatureMatrix ↔ ML.NET IDataView: a fixed-length float vector column "Features" and a "Label" column
/// of key type with K values. ML.NET's LightGBM trainer requires a key-typed label, takes num_class from
/// the key count (so a class absent from the training rows still gets a score column) and passes the raw
/// key value to LightGBM as the class number: the stored value is therefore the class index 0..K−1 itself
/// (LightGbmTests and the family contract tests check that every class, 0 included, maps to its own column).
/// </summary>
internal static class MlNetViews
{
    public const string Features = "Features";
    public const string Label = "Label";
    public const string Score = "Score";

    internal sealed class LabelledRow
    {
        public float[] Features = [];
        public uint Label;
    }

    internal sealed class FeatureRow
    {
        public float[] Features = [];
    }

    public static IDataView Labelled(MLContext ml, LabelledRows rows)
    {
        var schema = SchemaDefinition.Create(typeof(LabelledRow));
        schema[Features].ColumnType = new VectorDataViewType(NumberDataViewType.Single, rows.X.Columns);
        schema[Label].ColumnType = new KeyDataViewType(typeof(uint), rows.ClassCount);
        var x = rows.X;
        var y = rows.Y;
        var data = Enumerable.Range(0, rows.Count).Select(i => new LabelledRow { Features = x.ReadOnlyRow(i).ToArray(), Label = (uint)y[i] });
        return ml.Data.LoadFromEnumerable(data, schema);
    }

    public static IDataView Unlabelled(MLContext ml, FeatureMatrix x)
    {
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[Features].ColumnType = new VectorDataViewType(NumberDataViewType.Single, x.Columns);
        var data = Enumerable.Range(0, x.Rows).Select(i => new FeatureRow { Features = x.ReadOnlyRow(i).ToArray() });
        return ml.Data.LoadFromEnumerable(data, schema);
    }

    /// <summary>Copies the Score vectors of <paramref name="scored"/> (row order preserved) into a rows × classes span.</summary>
    public static void CopyScores(IDataView scored, int classes, Span<float> destination)
    {
        var column = scored.Schema[Score];
        using var cursor = scored.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        var buffer = default(VBuffer<float>);
        var row = 0;
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            if (buffer.Length > classes) throw new InvalidDataException($"lightgbm: the model scored {buffer.Length} classes, expected {classes}");
            var target = destination.Slice(row * classes, classes);
            target.Clear();
            buffer.CopyTo(target[..buffer.Length]);
            row++;
        }
        if (row * classes != destination.Length) throw new InvalidOperationException($"lightgbm: scored {row} rows, expected {destination.Length / classes}");
    }
}
