using System.Collections.Immutable;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Analysis.Extinction;

/// <summary>
/// The systematic absences of one setting: reflection h = (h, k, l) is absent when some operation (R, t) of the group
/// has hR = h and h·t not an integer, because then F(h) = exp(2πi h·t) F(h) forces F(h) = 0 for every structure.
/// Only operations whose translation is not a lattice vector can cause an absence; they are kept, with R and t in
/// the integer form of <see cref="SymmetryOperation"/> (t in 1/24). Thread-safe, allocation-free.
/// </summary>
public sealed class AbsenceRule
{
    private readonly int[] _ops; // per operation: R00..R22 then t0, t1, t2 (mod 24)
    private const int Stride = 12;

    public AbsenceRule(IEnumerable<SymmetryOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var kept = new List<int>();
        foreach (var op in operations.Select(o => o.Normalised()).Distinct())
        {
            if (op.T0 == 0 && op.T1 == 0 && op.T2 == 0) continue;
            kept.AddRange([op.R00, op.R01, op.R02, op.R10, op.R11, op.R12, op.R20, op.R21, op.R22, op.T0, op.T1, op.T2]);
        }
        _ops = [.. kept];
    }

    public static AbsenceRule Of(SpaceGroup setting) => new(setting.Operations);

    /// <summary>Whether reflection (h, k, l) is systematically absent.</summary>
    public bool IsAbsent(int h, int k, int l)
    {
        var ops = _ops.AsSpan();
        for (var o = 0; o + Stride <= ops.Length; o += Stride)
        {
            // hR as a row vector: (h, k, l) · R
            if (h * ops[o] + k * ops[o + 3] + l * ops[o + 6] != h) continue;
            if (h * ops[o + 1] + k * ops[o + 4] + l * ops[o + 7] != k) continue;
            if (h * ops[o + 2] + k * ops[o + 5] + l * ops[o + 8] != l) continue;
            if ((h * ops[o + 9] + k * ops[o + 10] + l * ops[o + 11]) % SymmetryOperation.Denominator != 0) return true;
        }
        return false;
    }

    /// <summary>Whether (h, k, l) is absent by the lattice centring alone (operations with the identity rotation).</summary>
    public bool IsAbsentByCentring(int h, int k, int l)
    {
        var ops = _ops.AsSpan();
        for (var o = 0; o + Stride <= ops.Length; o += Stride)
        {
            if (ops[o] != 1 || ops[o + 4] != 1 || ops[o + 8] != 1 || ops[o + 1] != 0 || ops[o + 2] != 0 || ops[o + 3] != 0 || ops[o + 5] != 0 || ops[o + 6] != 0 || ops[o + 7] != 0) continue;
            if ((h * ops[o + 9] + k * ops[o + 10] + l * ops[o + 11]) % SymmetryOperation.Denominator != 0) return true;
        }
        return false;
    }

    /// <summary>The operations kept (translation not a lattice vector), for inspection.</summary>
    public int OperationCount => _ops.Length / Stride;

    internal static ImmutableArray<int[]> DistinctRotations(SpaceGroup setting) =>
        [.. setting.Operations.Select(o => new[] { o.R00, o.R01, o.R02, o.R10, o.R11, o.R12, o.R20, o.R21, o.R22 })
            .DistinctBy(r => string.Join(',', r))];
}
