using System.Globalization;
using System.Text;
using Bravais.Synthesis.Generation;

namespace Bravais.Synthesis.Output;

/// <summary>
/// Writes a generated crystal as a symmetrised CIF 1.1 block: cell, <c>_space_group_IT_number</c>, the
/// Hermann–Mauguin and Hall symbols, the loop of xyz operations, and the asymmetric unit (one atom per
/// Wyckoff orbit, with its multiplicity). Coordinates with 10 decimals, cell with 8, so reading the block
/// back and expanding it reproduces the crystal.
/// </summary>
public static class SymmetrisedCifWriter
{
    public static string ToCif(GeneratedCrystal crystal)
    {
        var sb = new StringBuilder(2048);
        Append(sb, crystal);
        return sb.ToString();
    }

    public static void Write(TextWriter writer, GeneratedCrystal crystal)
    {
        var sb = new StringBuilder(2048);
        Append(sb, crystal);
        writer.Write(sb);
    }

    private static void Append(StringBuilder sb, GeneratedCrystal crystal)
    {
        var s = crystal.Structure;
        var g = crystal.Group;
        var l = s.Lattice;
        var inv = CultureInfo.InvariantCulture;
        sb.Append("data_").Append(s.Id).Append('\n');
        sb.Append("_audit_creation_method 'Bravais synthetic crystal generator'\n");
        sb.Append("_chemical_formula_sum '").Append(s.Formula).Append("'\n");
        sb.Append("_cell_length_a ").Append(l.A.ToString("0.00000000", inv)).Append('\n');
        sb.Append("_cell_length_b ").Append(l.B.ToString("0.00000000", inv)).Append('\n');
        sb.Append("_cell_length_c ").Append(l.C.ToString("0.00000000", inv)).Append('\n');
        sb.Append("_cell_angle_alpha ").Append(l.Alpha.ToString("0.00000000", inv)).Append('\n');
        sb.Append("_cell_angle_beta ").Append(l.Beta.ToString("0.00000000", inv)).Append('\n');
        sb.Append("_cell_angle_gamma ").Append(l.Gamma.ToString("0.00000000", inv)).Append('\n');
        sb.Append("_cell_volume ").Append(l.Volume.ToString("0.0000", inv)).Append('\n');
        sb.Append("_space_group_IT_number ").Append(g.Number.ToString(inv)).Append('\n');
        sb.Append("_space_group_name_H-M_alt '").Append(g.HermannMauguin).Append("'\n");
        sb.Append("_space_group_name_Hall '").Append(g.Hall).Append("'\n");
        sb.Append("loop_\n_space_group_symop_id\n_space_group_symop_operation_xyz\n");
        for (var i = 0; i < g.Operations.Length; i++)
            sb.Append((i + 1).ToString(inv)).Append(" '").Append(g.Operations[i].ToXyz()).Append("'\n");
        sb.Append("loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_symmetry_multiplicity\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n_atom_site_occupancy\n");
        foreach (var a in crystal.AsymmetricUnit)
        {
            var site = a.Site;
            var p = site.Fractional;
            sb.Append(site.Label).Append(' ').Append(site.Occupants[0].Element).Append(' ').Append(a.Position.Multiplicity.ToString(inv))
              .Append(' ').Append(p.X.ToString("0.0000000000", inv))
              .Append(' ').Append(p.Y.ToString("0.0000000000", inv))
              .Append(' ').Append(p.Z.ToString("0.0000000000", inv))
              .Append(' ').Append(site.Occupants[0].Occupancy.ToString("0.######", inv)).Append('\n');
        }
        sb.Append('\n');
    }
}
