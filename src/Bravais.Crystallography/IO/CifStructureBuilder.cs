using System.Collections.Immutable;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Structures;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Crystallography.IO;

/// <summary>
/// Builds a <see cref="Structure"/> from one CIF data block: cell, symmetry (<see cref="CifSymmetryResolver"/>),
/// the atom_site loop (fractional coordinates, element from the type symbol or label, occupancy, U/B iso),
/// expansion by the operations and merging of coincident images and mixed sites.
/// </summary>
public static class CifStructureBuilder
{
    /// <summary>Reads a block; any problem becomes a failed result naming file, block, line and field.</summary>
    public static StructureReadResult Read(CifBlock block, double toleranceAngstrom = StructureExpander.DefaultToleranceAngstrom) =>
        Read(block, StructureReadOptions.Default with { MergeToleranceAngstrom = toleranceAngstrom });

    /// <summary>Reads a block with <paramref name="options"/> (strict or lenient consistency checks); never throws for bad input.</summary>
    public static StructureReadResult Read(CifBlock block, StructureReadOptions options, CancellationToken cancellationToken = default)
    {
        var file = block.FileName ?? "";
        try
        {
            return Build(block, options, cancellationToken);
        }
        catch (CrystallographyException e)
        {
            return StructureReadResult.Failure(file, block.Name, e);
        }
    }

    /// <summary>Builds the structure; a failure after the symmetry was resolved is returned with that symmetry, one before it is thrown.</summary>
    public static StructureReadResult Build(CifBlock block, double toleranceAngstrom = StructureExpander.DefaultToleranceAngstrom) =>
        Build(block, StructureReadOptions.Default with { MergeToleranceAngstrom = toleranceAngstrom });

    /// <inheritdoc cref="Build(CifBlock, double)"/>
    public static StructureReadResult Build(CifBlock block, StructureReadOptions options, CancellationToken cancellationToken = default)
    {
        var warnings = new List<string>();
        var report = new ConsistencyReport(block, options.Lenient, warnings);
        var symmetry = CifSymmetryResolver.Resolve(block, warnings, report);
        var tolerance = options.MergeToleranceAngstrom;
        try
        {
            var anglesBefore = warnings.Count;
            var lattice = ReadCell(block, warnings);
            if (OperationChecks.MetricProblem(lattice, symmetry.Info.Operations) is { } metric)
                report.Fail(warnings.Count > anglesBefore ? metric + "; the missing cell angles were taken as 90°" : metric,
                    block.TryGetValue("_cell_length_a", out var cell) ? cell.Line : block.Line, "_cell");
            var asymmetricUnit = ReadAtomSites(block, warnings, report);
            var sites = StructureExpander.Expand(lattice, asymmetricUnit, symmetry.Info.Operations, tolerance, options.Progress, cancellationToken);
            var conflicts = new List<string>();
            sites = SiteMerger.MergeCoincident(lattice, sites, tolerance, warnings, conflicts, options.Progress, cancellationToken);
            if (conflicts.Count > 0)
                report.Fail(conflicts.Count == 1 ? conflicts[0] : $"{conflicts[0]} (and {conflicts.Count - 1} more such positions)",
                    block.FindLoop("_atom_site_fract_x")?.Line, "_atom_site_occupancy");
            var structure = new Structure(block.Name, lattice, sites, symmetry.Info);
            return new StructureReadResult(block.FileName ?? "", block.Name, structure, null, [.. warnings], symmetry.Group, symmetry.BravaisLattice)
            {
                Inconsistencies = [.. report.Problems],
            };
        }
        catch (CrystallographyException e)
        {
            // a problem found past the reading (expansion limits) names the block it came from
            if (e.Location.File is null && e.Location.Block is null)
                e = new CrystallographyException(e.Reason, new SourceLocation(block.FileName, block.Name), e);
            // keep what was learnt about the symmetry: the block declares it even if it holds no usable structure
            return new StructureReadResult(block.FileName ?? "", block.Name, null, e, [.. warnings], symmetry.Group, symmetry.BravaisLattice, symmetry.Info);
        }
    }

    private static Lattice ReadCell(CifBlock block, List<string> warnings)
    {
        var a = Required(block, "_cell_length_a");
        var b = Required(block, "_cell_length_b");
        var c = Required(block, "_cell_length_c");
        var alpha = Angle(block, "_cell_angle_alpha", warnings);
        var beta = Angle(block, "_cell_angle_beta", warnings);
        var gamma = Angle(block, "_cell_angle_gamma", warnings);
        if (CellLimits.Check(a, b, c, alpha, beta, gamma) is { } problem)
        {
            var at = block.TryGetValue(problem.Field, out var pv) ? pv.Line : block.TryGetValue("_cell_length_a", out var av) ? av.Line : block.Line;
            throw new CrystallographyException(problem.Reason, new SourceLocation(block.FileName, block.Name, at, Field: problem.Field));
        }
        try
        {
            return Lattice.FromParameters(a, b, c, alpha, beta, gamma);
        }
        catch (CrystallographyException e)
        {
            var line = block.TryGetValue("_cell_length_a", out var v) ? v.Line : block.Line;
            throw new CrystallographyException(e.Reason, new SourceLocation(block.FileName, block.Name, line, Field: "_cell"), e);
        }
    }

    private static double Required(CifBlock block, string tag)
    {
        if (!block.TryGetValue(tag, out var v) || v.IsNull)
            throw new CrystallographyException($"missing cell parameter {tag}", new SourceLocation(block.FileName, block.Name, block.Line, Field: tag));
        return Number(block, v, tag);
    }

    private static double Angle(CifBlock block, string tag, List<string> warnings)
    {
        if (!block.TryGetValue(tag, out var v) || v.IsNull)
        {
            warnings.Add($"{tag} missing; assumed 90°");
            return 90.0;
        }
        return Number(block, v, tag);
    }

    private static double Number(CifBlock block, CifValue v, string tag) =>
        CifNumber.TryParse(v.Text, out var x) && double.IsFinite(x)
            ? x
            : throw new CrystallographyException($"'{v.Text}' is not a number", new SourceLocation(block.FileName, block.Name, v.Line, Field: tag));

    private static List<Site> ReadAtomSites(CifBlock block, List<string> warnings, ConsistencyReport report)
    {
        var loop = block.FindLoop("_atom_site_fract_x") ?? SingleRowAtomSite(block);
        if (loop is null)
        {
            if (block.Contains("_atom_site_cartn_x"))
                throw new CrystallographyException("atom sites are given only in Cartesian coordinates (_atom_site_Cartn_x); fractional coordinates (_atom_site_fract_x) are required",
                    new SourceLocation(block.FileName, block.Name, block.FindLoop("_atom_site_cartn_x")?.Line ?? block.Line));
            throw new CrystallographyException("no atom sites (_atom_site_fract_x) in this block", new SourceLocation(block.FileName, block.Name, block.Line));
        }
        var cx = loop.ColumnIndex("_atom_site_fract_x");
        var cy = loop.ColumnIndex("_atom_site_fract_y");
        var cz = loop.ColumnIndex("_atom_site_fract_z");
        if (cy < 0 || cz < 0)
            throw new CrystallographyException("atom_site loop has _atom_site_fract_x but not all of _fract_y and _fract_z", new SourceLocation(block.FileName, block.Name, loop.Line));
        var cLabel = loop.ColumnIndex("_atom_site_label");
        var cType = loop.ColumnIndex("_atom_site_type_symbol");
        var cOcc = loop.ColumnIndex("_atom_site_occupancy");
        var cU = loop.ColumnIndex("_atom_site_u_iso_or_equiv");
        var cB = loop.ColumnIndex("_atom_site_b_iso_or_equiv");
        var cCalc = loop.ColumnIndex("_atom_site_calc_flag");
        if (cLabel < 0 && cType < 0)
            throw new CrystallographyException("atom_site loop has neither _atom_site_type_symbol nor _atom_site_label", new SourceLocation(block.FileName, block.Name, loop.Line));

        var sites = new List<Site>(loop.RowCount);
        var skippedUnknown = 0;
        var skippedEmpty = 0;
        var skippedDummy = 0;
        string? badDisplacement = null;
        for (var r = 0; r < loop.RowCount; r++)
        {
            var label = cLabel >= 0 && !loop[r, cLabel].IsNull ? loop[r, cLabel].Text : null;
            if (cCalc >= 0 && loop[r, cCalc].Text.Equals("dum", StringComparison.OrdinalIgnoreCase)) { skippedDummy++; continue; }
            var vx = loop[r, cx];
            var vy = loop[r, cy];
            var vz = loop[r, cz];
            if (vx.IsNull || vy.IsNull || vz.IsNull) { skippedUnknown++; continue; }
            var position = new Vec3(Coordinate(block, vx, "_atom_site_fract_x"), Coordinate(block, vy, "_atom_site_fract_y"), Coordinate(block, vz, "_atom_site_fract_z"));

            var (element, charge) = Element(block, loop, r, cType, cLabel);
            var occupancy = 1.0;
            if (cOcc >= 0 && !loop[r, cOcc].IsNull)
            {
                var vo = loop[r, cOcc];
                occupancy = Number(block, vo, "_atom_site_occupancy");
                if (occupancy < 0 || occupancy > 1 + SiteMerger.OccupancyTolerance)
                    report.Fail(FormattableString.Invariant($"occupancy {vo.Text} of atom site '{label ?? element}' is outside 0–1"), vo.Line, "_atom_site_occupancy");
                if (occupancy <= 0) { skippedEmpty++; continue; }
            }
            double? bIso = null;
            if (cB >= 0 && !loop[r, cB].IsNull) bIso = OptionalNumber(loop[r, cB], ref badDisplacement);
            else if (cU >= 0 && !loop[r, cU].IsNull) bIso = 8 * Math.PI * Math.PI * OptionalNumber(loop[r, cU], ref badDisplacement);

            sites.Add(new Site(label ?? element, [new Occupant(element, occupancy, charge)], position, bIso));
        }
        if (skippedUnknown > 0) warnings.Add($"{skippedUnknown} atom site(s) with unknown coordinates ('?') skipped");
        if (skippedEmpty > 0) warnings.Add($"{skippedEmpty} atom site(s) with zero occupancy skipped");
        if (badDisplacement is not null) warnings.Add($"unreadable isotropic displacement value(s) ignored (first: {badDisplacement})");
        if (skippedDummy > 0) warnings.Add($"{skippedDummy} dummy atom site(s) (calc_flag dum) skipped");
        if (sites.Count == 0)
            throw new CrystallographyException("the atom_site loop holds no atom with known coordinates", new SourceLocation(block.FileName, block.Name, loop.Line));
        return sites;
    }

    /// <summary>A displacement parameter is not needed to place atoms: an unreadable one is noted and ignored.</summary>
    private static double? OptionalNumber(CifValue v, ref string? firstBad)
    {
        if (CifNumber.TryParse(v.Text, out var x) && double.IsFinite(x)) return x;
        firstBad ??= $"'{v.Text}' at line {v.Line}";
        return null;
    }

    /// <summary>A structure with one atom may give _atom_site_* as plain items instead of a loop.</summary>
    private static CifLoop? SingleRowAtomSite(CifBlock block)
    {
        if (!block.Items.ContainsKey("_atom_site_fract_x")) return null;
        var tags = new List<string>();
        var values = new List<CifValue>();
        foreach (var (tag, value) in block.Items)
            if (tag.StartsWith("_atom_site_", StringComparison.Ordinal)) { tags.Add(tag); values.Add(value); }
        return new CifLoop(tags, [.. values], values[0].Line);
    }

    private static double Coordinate(CifBlock block, CifValue v, string tag)
    {
        if (!CifNumber.TryParse(v.Text, out var x, out var decimals) || !double.IsFinite(x))
        {
            // some files write special positions as simple fractions (1/4, 2/3): exact, so accepted
            if (TryParseSimpleFraction(v.Text, out var fraction)) return fraction;
            throw new CrystallographyException($"'{v.Text}' is not a number", new SourceLocation(block.FileName, block.Name, v.Line, Field: tag));
        }
        if (!(Math.Abs(x) <= StructureLimits.MaxFractionalCoordinate))
            throw new CrystallographyException(FormattableString.Invariant($"fractional coordinate {v.Text} is not within {StructureLimits.MaxFractionalCoordinate} cells of the origin"),
                new SourceLocation(block.FileName, block.Name, v.Line, Field: tag));
        return FractionSnapping.Snap(x, decimals);
    }

    private static bool TryParseSimpleFraction(string text, out double value)
    {
        value = 0;
        var slash = text.IndexOf('/');
        if (slash <= 0) return false;
        var numerator = text.AsSpan(0, slash).Trim();
        var denominator = text.AsSpan(slash + 1).Trim();
        var sign = 1;
        if (numerator.Length > 0 && numerator[0] is '-' or '+') { if (numerator[0] == '-') sign = -1; numerator = numerator[1..]; }
        if (!int.TryParse(numerator, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            || !int.TryParse(denominator, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d) || d == 0)
            return false;
        value = sign * (double)n / d;
        return true;
    }

    private static (string Element, double? Charge) Element(CifBlock block, CifLoop loop, int row, int cType, int cLabel)
    {
        if (cType >= 0 && !loop[row, cType].IsNull)
        {
            var t = loop[row, cType];
            if (AtomTypeSymbol.TryParseTypeSymbol(t.Text, out var el, out var charge)) return (el, charge);
            if (cLabel >= 0 && AtomTypeSymbol.TryParseLabel(loop[row, cLabel].Text, out var fromLabel)) return (fromLabel, null);
            throw new CrystallographyException($"unknown element in type symbol '{t.Text}'", new SourceLocation(block.FileName, block.Name, t.Line, Field: "_atom_site_type_symbol"));
        }
        var l = loop[row, cLabel];
        if (AtomTypeSymbol.TryParseLabel(l.Text, out var element)) return (element, null);
        throw new CrystallographyException($"cannot tell the element of atom site '{l.Text}' (no type symbol, and the label does not start with an element symbol)",
            new SourceLocation(block.FileName, block.Name, l.Line, Field: "_atom_site_label"));
    }
}
