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

    public static void WriteHeader(BinaryWriter writer, string magic, int version, int features, int classes)
    {
        writer.Write(magic);
        writer.Write(version);
        writer.Write(features);
        writer.Write(classes);
    }

    public static (int Features, int Classes) ReadHeader(BinaryReader reader, string magic, int version)
    {
        string found;
        try { found = reader.ReadString(); }
        catch (Exception e) when (e is EndOfStreamException or IOException) { throw new InvalidDataException($"not a {magic} model: the file is truncated", e); }
        if (found != magic) throw new InvalidDataException($"not a {magic} model (found '{found}')");
        var v = reader.ReadInt32();
        if (v > version) throw new InvalidDataException($"{magic} model format {v} is newer than this version of Bravais understands ({version})");
        var features = reader.ReadInt32();
        var classes = reader.ReadInt32();
        if (features <= 0 || classes <= 1) throw new InvalidDataException($"{magic} model has an invalid shape ({features} features, {classes} classes)");
        return (features, classes);
    }

    public static void WriteFloats(BinaryWriter writer, float[] values)
    {
        writer.Write(values.Length);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
    }

    public static float[] ReadFloats(BinaryReader reader, int expected)
    {
        var n = reader.ReadInt32();
        if (n != expected) throw new InvalidDataException($"model holds {n} values where {expected} were expected");
        var values = new float[n];
        reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }
}
