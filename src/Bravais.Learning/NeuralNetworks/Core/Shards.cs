namespace Bravais.Learning.NeuralNetworks.Core;

/// <summary>
/// Splits a range (a batch, channels or rows) into a fixed number of contiguous shards and runs them in
/// parallel. The split depends only on the count and the shard number, never on thread timing, so
/// results are reproducible for a given shard count.
/// </summary>
public static class Shards
{
    public static (int Start, int End) Range(int count, int shards, int shard)
    {
        var start = (int)((long)count * shard / shards);
        var end = (int)((long)count * (shard + 1) / shards);
        return (start, end);
    }

    /// <summary>Runs <paramref name="body"/>(shard, start, end) for each non-empty shard of 0..count-1.</summary>
    public static void For(int count, int shards, Action<int, int, int> body)
    {
        shards = Math.Max(1, Math.Min(shards, count));
        if (shards == 1) { body(0, 0, count); return; }
        Parallel.For(0, shards, new ParallelOptions { MaxDegreeOfParallelism = shards }, s =>
        {
            var (start, end) = Range(count, shards, s);
            if (end > start) body(s, start, end);
        });
    }

    /// <summary>The number of shards <see cref="For"/> actually uses for a count.</summary>
    public static int Effective(int count, int shards) => Math.Max(1, Math.Min(shards, count));
}
