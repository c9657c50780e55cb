using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Structures;
using Bravais.Diffraction.Powder;
using Bravais.Diffraction.Profiles;

namespace Bravais.Benchmarks;

/// <summary>
/// Powder-pattern costs on structures built in code (no shared data needed): a 2-atom cubic cell, a 24-atom
/// triclinic cell (a typical MP size) and a 96-atom one. Whole-data-set figures against pymatgen come from
/// <c>bravais bench simulate</c>. Run:
/// <c>dotnet run -c Release --project bench/Bravais.Benchmarks -- --filter '*PowderCalculator*'</c>.
/// </summary>
[MemoryDiagnoser]
public class PowderCalculatorBenchmarks
{
    private readonly PowderCalculator _calculator = new();
    private readonly PowderWorkspace _workspace = new();
    private readonly double[] _pattern = new double[180];
    private Structure _structure = null!;

    [Params(2, 24, 96)]
    public int Atoms { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        string[] elements = ["O", "Fe", "Si", "Na", "Cl", "Ba"];
        var volume = Atoms * 16.0; // about 16 Å³ per atom, as in oxides
        var a = Math.Cbrt(volume) * 0.95;
        var lattice = Atoms == 2 ? Lattice.Cubic(4.1) : Lattice.FromParameters(a, a * 1.07, a * 0.97, 84, 97, 103);
        var sites = Enumerable.Range(0, Atoms)
            .Select(i => Site.Single(elements[i % elements.Length], new Vec3(random.NextDouble(), random.NextDouble(), random.NextDouble())))
            .ToImmutableArray();
        _structure = new Structure($"random-{Atoms}", lattice, sites);
        _calculator.Calculate(_structure, _workspace);
    }

    [Benchmark(Description = "peak list with hkl families")]
    public int PeakList() => _calculator.Calculate(_structure, _workspace).Count;

    [Benchmark(Description = "nano281 pattern (allocation-free)")]
    public double Nano281()
    {
        PatternPresets.Nano281.Render(_structure, _workspace, _pattern);
        return _pattern[0];
    }
}
