using BenchmarkDotNet.Attributes;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Benchmarks;

/// <summary>
/// Space-group table costs: generating the operations of all 530 Hall settings (what the lazy table
/// does once on first use) and the lookups. Run:
/// <c>dotnet run -c Release --project bench/Bravais.Benchmarks -- --filter '*SpaceGroup*'</c>.
/// </summary>
[MemoryDiagnoser]
public class SpaceGroupBenchmarks
{
    private string[] _halls = [];
    private SymmetryOperation[] _fd3mOps = [];

    [GlobalSetup]
    public void Setup()
    {
        _halls = [.. SpaceGroups.AllSettings.Select(g => g.Hall)];
        _fd3mOps = [.. SpaceGroups.ByNumber(227).Operations.Reverse()];
    }

    [Benchmark(Description = "generate operations of all 530 Hall settings")]
    public int GenerateAll530()
    {
        var total = 0;
        foreach (var h in _halls) total += HallSymbol.Operations(h).Length;
        return total;
    }

    [Benchmark(Description = "TryFindBySymbol x4 spellings")]
    public int FindBySymbol()
    {
        var n = 0;
        if (SpaceGroups.TryFindBySymbol("P 1 21/c 1", out var a)) n += a.Number;
        if (SpaceGroups.TryFindBySymbol("F d -3 m :1", out var b)) n += b.Number;
        if (SpaceGroups.TryFindBySymbol("R -3 m H", out var c)) n += c.Number;
        if (SpaceGroups.TryFindBySymbol("-P 2ybc", out var d)) n += d.Number;
        return n;
    }

    [Benchmark(Description = "FindByOperations Fd-3m (192 ops)")]
    public int FindByOperations() => SpaceGroups.FindByOperations(_fd3mOps)?.Number ?? 0;
}
