using System.Collections.Immutable;
using System.Text;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Synthesis.Wyckoff;

/// <summary>
/// One Wyckoff position of a space group, derived from its operations: the multiplicity (points per
/// conventional cell), the order of the site-symmetry group, and a representative parametrisation
/// <c>origin + Σ λ_j·direction_j</c> with one free parameter per free coordinate (<see cref="FreeAxes"/>:
/// 0 = x, 1 = y, 2 = z), written as <see cref="Coordinates"/> (e.g. "x,2x,1/4").
/// <see cref="Letter"/> orders positions by multiplicity like International Tables (a = highest site
/// symmetry, the general position last) but is not guaranteed to equal the ITA letter when several
/// positions share a multiplicity.
/// </summary>
public sealed record WyckoffPosition(
    string Letter,
    int Multiplicity,
    int SiteSymmetryOrder,
    ImmutableArray<Fraction> Origin,
    ImmutableArray<ImmutableArray<Fraction>> Directions,
    ImmutableArray<int> FreeAxes,
    ImmutableArray<SymmetryOperation> SiteSymmetry,
    AffineSubspace Subspace)
{
    /// <summary>Number of free parameters: 0 point, 1 line, 2 plane, 3 general position.</summary>
    public int Dimension => FreeAxes.Length;

    public bool IsGeneral => Dimension == 3 && SiteSymmetryOrder == 1;

    /// <summary>"4e" style label: multiplicity followed by the letter.</summary>
    public string Label => $"{Multiplicity}{Letter}";

    /// <summary>The fractional position for the given free parameters (one per <see cref="FreeAxes"/> entry).</summary>
    public Vec3 Point(ReadOnlySpan<double> parameters)
    {
        if (parameters.Length != Dimension) throw new ArgumentException($"Wyckoff position {Label} takes {Dimension} parameters, got {parameters.Length}", nameof(parameters));
        double x = Origin[0].ToDouble(), y = Origin[1].ToDouble(), z = Origin[2].ToDouble();
        for (var j = 0; j < parameters.Length; j++)
        {
            var d = Directions[j];
            x += parameters[j] * d[0].ToDouble();
            y += parameters[j] * d[1].ToDouble();
            z += parameters[j] * d[2].ToDouble();
        }
        return new Vec3(x, y, z);
    }

    /// <summary>The representative coordinates in International Tables style, e.g. "x,-x,1/2" or "1/4,1/4,1/4".</summary>
    public string Coordinates
    {
        get
        {
            var sb = new StringBuilder();
            for (var i = 0; i < 3; i++)
            {
                if (i > 0) sb.Append(',');
                var start = sb.Length;
                for (var j = 0; j < FreeAxes.Length; j++)
                {
                    var c = Directions[j][i];
                    if (c.IsZero) continue;
                    if (c < Fraction.Zero) sb.Append('-'); else if (sb.Length > start) sb.Append('+');
                    var abs = c < Fraction.Zero ? -c : c;
                    if (abs != Fraction.One) sb.Append(abs.ToString());
                    sb.Append("xyz"[FreeAxes[j]]);
                }
                var o = Origin[i];
                if (!o.IsZero)
                {
                    if (sb.Length > start) sb.Append('+');
                    sb.Append(o.ToString());
                }
                if (sb.Length == start) sb.Append('0');
            }
            return sb.ToString();
        }
    }

    public override string ToString() => $"{Label} ({Coordinates}) site order {SiteSymmetryOrder}";
}
