using Bravais.Crystallography.Symmetry;

namespace Bravais.Analysis.Indexing;

/// <summary>
/// Turns a cell found by a search into a reported candidate: refit on all lines; reduce to the smallest cell that
/// indexes the same lines (<see cref="SublatticeReduction"/>); Niggli-reduce; refit unconstrained (triclinic) as
/// the reference; then try the conventional cells of <see cref="LatticeSymmetry"/> from the highest holohedry down,
/// each refitted with its metric constraints in the primitive basis, and keep the first whose fit is as good as
/// the unconstrained one: at most one line in fifteen lost, and either mean |Δ2θ| at most
/// <see cref="SymmetryErrorRatio"/> times larger plus <see cref="SymmetryErrorSlackDegrees"/>, or M20 at least
/// <see cref="SymmetryMeritRatio"/> of the unconstrained one's.
/// </summary>
public static class CandidateBuilder
{
    public const double SymmetryErrorRatio = 1.5, SymmetryErrorSlackDegrees = 0.003, SymmetryMeritRatio = 0.8;

    /// <summary>Minimum lines for refining the sample displacement beside the zero shift.</summary>
    public const int DisplacementLines = 14;

    /// <summary>
    /// The candidates of one found cell, with their primitive metrics (for merging): the cell as found, the reduction
    /// that lets at most the allowed impurity lines break its conditions, and the one that lets a fifth of the lines
    /// break them (a large cell indexes misfit lines with hkl off the sublattice), where they differ; the ranking
    /// chooses. Empty when nothing survives refinement.
    /// </summary>
    public static List<(IndexingCandidate Candidate, Metric PrimitiveDirect)> Build(LineData lines, CellFitResult found, int maxUnindexed, double rankingFloorDegrees)
    {
        var result = new List<(IndexingCandidate, Metric)>();
        var displacement = lines.Count >= DisplacementLines;
        var all = CellFit.Refine(lines, found.Model, found.Parameters, found.ZeroDegrees, 0, refineZero: true, refineDisplacement: displacement);
        if (all is null) return result;
        var indexed = Enumerable.Range(0, lines.Count).Where(i => all.Assigned[i] >= 0).ToList();
        var accuracy = Math.Max(2.5 * all.MeanAbsDeltaDegrees, 0.004);
        // the cell as found is a candidate too (reflections of a symmetric cell can be absent for reasons of structure:
        // a cubic P cell without its all-odd lines looks like the tetragonal cell of half the volume), and so is every
        // sublattice that the lines allow, with a fifth of them breaking its conditions at most (a large cell indexes
        // misfit lines with hkl off the sublattice); the ranking chooses
        var reductions = SublatticeReduction.Sublattices(lines, all.Reciprocal, all.ZeroDegrees, all.DisplacementDegrees, indexed,
            i => Math.Min(lines.ToleranceDegrees[i], accuracy), Math.Max(maxUnindexed, indexed.Count / 5));
        foreach (var reduced in reductions)
            if (Symmetrize(lines, reduced, all, displacement, maxUnindexed, rankingFloorDegrees) is { } built) result.Add(built);
        return result;
    }

    /// <summary>Niggli cell, unconstrained reference fit, then the most symmetric setting that fits as well.</summary>
    private static (IndexingCandidate Candidate, Metric PrimitiveDirect)? Symmetrize(LineData lines, Metric reduced, CellFitResult all, bool displacement,
        int maxUnindexed, double rankingFloorDegrees)
    {
        var (niggli, _) = NiggliReduction.Reduce(reduced.Inverse());
        var reference = CellFit.Refine(lines, MetricModel.Triclinic, niggli.Inverse().ToArray(), all.ZeroDegrees, all.DisplacementDegrees,
            refineZero: true, refineDisplacement: displacement);
        if (reference is null) return null;
        (niggli, _) = NiggliReduction.Reduce(reference.Reciprocal.Inverse());
        reference = CellFit.Refine(lines, MetricModel.Triclinic, niggli.Inverse().ToArray(), reference.ZeroDegrees, reference.DisplacementDegrees,
            refineZero: true, refineDisplacement: displacement) ?? reference;
        var primitive = reference.Reciprocal.Inverse();
        var referenceM20 = FiguresOfMerit.Compute(lines, reference).M20;
        foreach (var setting in LatticeSymmetry.Settings(primitive))
        {
            var fit = setting.Lattice == BravaisLattice.aP ? reference : FitSetting(lines, setting, reference, displacement);
            PowderIndexer.Debug($"setting {setting.Lattice} dev {setting.AngleDeviationDegrees:0.###}° {setting.LengthDeviation:0.####}: {(fit is null ? "no fit" : $"indexed {fit.IndexedCount}/{reference.IndexedCount} mean {fit.MeanAbsDeltaDegrees:0.####} vs {reference.MeanAbsDeltaDegrees:0.####}")}");
            if (fit is null) continue;
            // the unconstrained cell indexes spurious lines more easily (it has more reflections): a few may be lost
            var lostAllowed = Math.Max(1, reference.IndexedCount / 15);
            // as good as the unconstrained fit: errors hardly larger, or the figure of merit (fewer calculated lines
            // against larger errors) no worse; the unconstrained cell's errors shrink by absorbing systematic ones
            var closeErrors = fit.MeanAbsDeltaDegrees <= SymmetryErrorRatio * reference.MeanAbsDeltaDegrees + SymmetryErrorSlackDegrees;
            var merit = FiguresOfMerit.Compute(lines, fit).M20 >= SymmetryMeritRatio * referenceM20;
            if (setting.Lattice != BravaisLattice.aP && (fit.IndexedCount < reference.IndexedCount - lostAllowed || !(closeErrors || merit)))
                continue;
            var candidate = Describe(lines, setting, fit, maxUnindexed, rankingFloorDegrees);
            return candidate is null ? null : (candidate, fit.Reciprocal.Inverse());
        }
        return null;
    }

    /// <summary>The constrained fit of one conventional setting, in the primitive basis.</summary>
    private static CellFitResult? FitSetting(LineData lines, LatticeSetting setting, CellFitResult reference, bool displacement)
    {
        var m = setting.Transform;
        var mt = new double[] { m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8] };
        var conventional = ConventionalModel(setting.Lattice);
        // G*_prim = Mᵀ·G*_conv·M for each basis matrix
        var basis = conventional.Basis.Select(s => Metric.FromArray(s).Transform(mt).ToArray()).ToArray();
        var model = new MetricModel(setting.Lattice.ToString(), basis);
        var start = model.Project(reference.Reciprocal);
        var fit = CellFit.Refine(lines, model, start, reference.ZeroDegrees, reference.DisplacementDegrees, refineZero: true, refineDisplacement: displacement);
        return fit;
    }

    /// <summary>The reciprocal-metric family of a Bravais type in its conventional standard setting.</summary>
    public static MetricModel ConventionalModel(BravaisLattice lattice) => lattice switch
    {
        BravaisLattice.cP or BravaisLattice.cI or BravaisLattice.cF => SearchSystem.Cubic.Model,
        BravaisLattice.tP or BravaisLattice.tI => SearchSystem.Tetragonal.Model,
        BravaisLattice.hP or BravaisLattice.hR => SearchSystem.Hexagonal.Model,
        BravaisLattice.oP or BravaisLattice.oS or BravaisLattice.oI or BravaisLattice.oF => SearchSystem.Orthorhombic.Model,
        BravaisLattice.mP or BravaisLattice.mS => SearchSystem.Monoclinic.Model,
        _ => MetricModel.Triclinic,
    };

    private static IndexingCandidate? Describe(LineData lines, LatticeSetting setting, CellFitResult fit, int maxUnindexed, double rankingFloorDegrees)
    {
        var m = setting.Transform;
        var primitive = fit.Reciprocal.Inverse();
        var conventional = primitive.Transform(m);
        var cell = conventional.ToLattice();
        if (cell is null) return null;
        var merit = FiguresOfMerit.Compute(lines, fit);
        var ranking = FiguresOfMerit.Compute(lines, fit, rankingFloorDegrees);
        var indexedLines = new List<IndexedLine>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var observed = lines.TwoThetaDegrees[i] - fit.ZeroDegrees + fit.DisplacementDegrees * lines.CosTheta[i];
            if (fit.Assigned[i] < 0) { indexedLines.Add(new IndexedLine(lines.PeakIndex[i], observed, double.NaN, null)); continue; }
            var r = fit.Reflections[fit.Assigned[i]];
            int[] hkl = [m[0] * r.H + m[1] * r.K + m[2] * r.L, m[3] * r.H + m[4] * r.K + m[5] * r.L, m[6] * r.H + m[7] * r.K + m[8] * r.L];
            indexedLines.Add(new IndexedLine(lines.PeakIndex[i], observed, lines.TwoThetaOf(r.Q), hkl));
        }
        var unindexed20 = Math.Min(20, lines.Count) - merit.IndexedOfFirst20;
        var score = ranking.M20 * Math.Pow(UnindexedPenalty, unindexed20);
        return new IndexingCandidate(setting.Lattice.FamilySystem(), setting.Lattice, cell, cell.Volume, Math.Sqrt(primitive.Determinant),
            merit.M20, merit.FN, merit.N, fit.ZeroDegrees, fit.DisplacementDegrees, fit.IndexedCount, lines.Count, indexedLines, score);
    }

    /// <summary>Factor on the ranking score per unindexed line among the first 20.</summary>
    public const double UnindexedPenalty = 0.5;
}
