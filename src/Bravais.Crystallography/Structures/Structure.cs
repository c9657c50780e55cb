using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Crystallography.Structures;

/// <summary>
/// What a file says about a structure's symmetry: the declared space-group number and symbols, and the
/// operations used to expand its asymmetric unit. All fields optional (a P1 POSCAR declares nothing).
/// </summary>
public sealed record SymmetryInfo(
    int? SpaceGroupNumber,
    string? HermannMauguin,
    string? Hall,
    ImmutableArray<SymmetryOperation> Operations);

/// <summary>
/// A crystal structure: lattice plus every atom of the unit cell (the expanded, P1 content).
/// <see cref="Id"/> is the data-block name or file stem; <see cref="Symmetry"/> what the source declared.
/// Immutable.
/// </summary>
public sealed record Structure(string Id, Lattice Lattice, ImmutableArray<Site> Sites, SymmetryInfo? Symmetry = null)
{
    /// <summary>Number of sites in the cell (a disordered site counts once, as pymatgen counts it).</summary>
    public int SiteCount => Sites.Length;

    /// <summary>Element → summed occupancy over the cell.</summary>
    public IReadOnlyDictionary<string, double> Composition
    {
        get
        {
            var d = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var s in Sites)
            foreach (var o in s.Occupants)
                d[o.Element] = d.GetValueOrDefault(o.Element) + o.Occupancy;
            return d;
        }
    }

    /// <summary>Cell formula in Hill order (C, H, then alphabetical; alphabetical without carbon), e.g. "Cl4 Na4".</summary>
    public string Formula => FormatFormula(Composition);

    public static string FormatFormula(IReadOnlyDictionary<string, double> composition)
    {
        IEnumerable<string> order = composition.ContainsKey("C")
            ? new[] { "C", "H" }.Where(composition.ContainsKey).Concat(composition.Keys.Where(k => k is not ("C" or "H")).Order(StringComparer.Ordinal))
            : composition.Keys.Order(StringComparer.Ordinal);
        var sb = new StringBuilder();
        foreach (var el in order)
        {
            if (sb.Length > 0) sb.Append(' ');
            var n = composition[el];
            sb.Append(el);
            if (Math.Abs(n - Math.Round(n)) < 1e-6) sb.Append(((long)Math.Round(n)).ToString(CultureInfo.InvariantCulture));
            else sb.Append(n.ToString("0.####", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>Density in g/cm³ is not needed for diffraction; the cell volume in Å³ is.</summary>
    public double Volume => Lattice.Volume;
}
