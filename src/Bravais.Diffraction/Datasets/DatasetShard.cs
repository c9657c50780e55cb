using System.Globalization;
using System.Text;

namespace Bravais.Diffraction.Datasets;

/// <summary>
/// One of N deterministic parts of a data set, for cluster job arrays: structure <c>id</c> belongs to shard
/// <c>FNV-1a-64(UTF-8 id) mod N</c>. Depends only on the id, so every task of an array (Slurm
/// <c>--array=0-(N-1)</c>, Kubernetes indexed jobs) picks a disjoint part whatever order it reads the inputs in.
/// Index is 0-based: "0/4" … "3/4".
/// </summary>
public readonly record struct DatasetShard(int Index, int Count)
{
    public static DatasetShard All => new(0, 1);

    public static DatasetShard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)
            || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            || n < 1 || i < 0 || i >= n)
            throw new DiffractionException($"shard '{text}' must be i/N with 0 ≤ i < N (e.g. 0/8 … 7/8)");
        return new DatasetShard(i, n);
    }

    public bool Contains(string id) => Count <= 1 || (int)(Hash(id) % (ulong)Count) == Index;

    /// <summary>64-bit FNV-1a of the UTF-8 bytes: stable across runs, machines and .NET versions.</summary>
    public static ulong Hash(string id)
    {
        var h = 14695981039346656037UL;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(id) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(id, buffer)] : Encoding.UTF8.GetBytes(id);
        foreach (var b in bytes) { h ^= b; h *= 1099511628211UL; }
        return h;
    }

    public override string ToString() => FormattableString.Invariant($"{Index}/{Count}");
}
