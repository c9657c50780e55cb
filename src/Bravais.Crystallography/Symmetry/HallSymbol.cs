using System.Collections.Immutable;

namespace Bravais.Crystallography.Symmetry;

/// <summary>
/// Generates the operations of a space group from its Hall symbol (S. R. Hall, Acta Cryst. A37, 517 (1981);
/// International Tables Vol. B, Table A1.4.2). Grammar: <c>[-]L N^A_T ... [(vx vy vz)]</c> where L is the
/// lattice symbol (P A B C I R S T F; '-' adds the inversion), each matrix symbol is an optionally
/// improper (-N) rotation of order N = 1, 2, 3, 4, 6 along axis A (x y z, ' and " face diagonals,
/// * body diagonal; defaults as in the Tables) with translation T (letters a b c n u v w d and screw
/// subscripts), and the optional vector is an origin shift in twelfths.
/// </summary>
public static class HallSymbol
{
    private const int D = SymmetryOperation.Denominator;

    /// <summary>
    /// All operations of the group in one cell: coset representatives (first the identity) for the
    /// zero centring vector, then the same for each further centring vector; translations in [0, 1).
    /// Throws <see cref="CrystallographyException"/> for a malformed symbol or one that does not
    /// describe a finite space group.
    /// </summary>
    public static ImmutableArray<SymmetryOperation> Operations(string hall)
    {
        ArgumentNullException.ThrowIfNull(hall);
        var (centrosymmetric, centring, generators, shift) = Parse(hall);
        if (centrosymmetric) generators.Insert(0, new SymmetryOperation(-1, 0, 0, 0, -1, 0, 0, 0, -1, 0, 0, 0));

        var reps = CosetRepresentatives(hall, generators, centring);
        var ops = ImmutableArray.CreateBuilder<SymmetryOperation>(reps.Count * centring.Length);
        foreach (var c in centring)
            foreach (var r in reps)
            {
                var op = new SymmetryOperation(r.R00, r.R01, r.R02, r.R10, r.R11, r.R12, r.R20, r.R21, r.R22,
                    r.T0 + c.X, r.T1 + c.Y, r.T2 + c.Z);
                ops.Add(ShiftOrigin(op, shift).Normalized());
            }
        return ops.MoveToImmutable();
    }

    /// <summary>Lattice-centring vectors in 1/24 (the zero vector first) for a Hall or H–M lattice letter.</summary>
    public static IReadOnlyList<(int X, int Y, int Z)> CentringVectors(char lattice) => char.ToUpperInvariant(lattice) switch
    {
        'P' => [(0, 0, 0)],
        'A' => [(0, 0, 0), (0, 12, 12)],
        'B' => [(0, 0, 0), (12, 0, 12)],
        'C' => [(0, 0, 0), (12, 12, 0)],
        'I' => [(0, 0, 0), (12, 12, 12)],
        'R' => [(0, 0, 0), (16, 8, 8), (8, 16, 16)],
        'S' => [(0, 0, 0), (8, 8, 16), (16, 16, 8)],
        'T' => [(0, 0, 0), (8, 16, 8), (16, 8, 16)],
        'F' => [(0, 0, 0), (0, 12, 12), (12, 0, 12), (12, 12, 0)],
        _ => throw new CrystallographyException($"'{lattice}' is not a lattice symbol (expected P, A, B, C, I, R, S, T or F)"),
    };

    // ---- parsing ----

    private static (bool Centro, (int X, int Y, int Z)[] Centring, List<SymmetryOperation> Generators, (int X, int Y, int Z) ShiftTwentyFourths)
        Parse(string hall)
    {
        var text = hall.Trim();
        var shift = (0, 0, 0);
        var open = text.IndexOf('(');
        if (open >= 0)
        {
            var close = text.IndexOf(')', open);
            if (close < 0 || close != text.Length - 1) throw Error(hall, "unbalanced or misplaced '(' in the origin-shift vector");
            shift = ParseShift(hall, text[(open + 1)..close]);
            text = text[..open].TrimEnd();
        }
        var tokens = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0) throw Error(hall, "empty symbol");

        var lat = tokens[0];
        var centro = false;
        if (lat.StartsWith('-')) { centro = true; lat = lat[1..]; }
        if (lat.Length != 1) throw Error(hall, $"'{tokens[0]}' is not a lattice symbol");
        if (!"PABCIRSTF".Contains(lat[0], StringComparison.Ordinal)) throw Error(hall, $"'{lat}' is not a lattice symbol (expected P, A, B, C, I, R, S, T or F)");
        var centring = CentringVectors(lat[0]).ToArray();

        var gens = new List<SymmetryOperation>(tokens.Length);
        var previousOrder = 0;
        var firstAxis = 'z';
        for (var i = 1; i < tokens.Length; i++)
        {
            var (improper, order, axis, translation) = ParseMatrixToken(hall, tokens[i]);
            if (axis == '\0')
            {
                axis = (i, order) switch
                {
                    (_, 1) => 'z',
                    (1, _) => 'z',
                    (2, 2) when previousOrder is 2 or 4 => 'x',
                    (2, 2) when previousOrder is 3 or 6 => '\'',
                    (3, 3) => '*',
                    _ => throw Error(hall, $"matrix symbol '{tokens[i]}' needs an explicit axis"),
                };
            }
            if (i == 1) firstAxis = axis;
            var rot = RotationMatrix(hall, order, axis, i == 1 ? 'z' : (firstAxis is 'x' or 'y' or 'z' ? firstAxis : 'z'));
            if (improper) for (var k = 0; k < 9; k++) rot[k] = -rot[k];
            var t = TranslationVector(hall, tokens[i], translation, order, axis);
            gens.Add(new SymmetryOperation(rot[0], rot[1], rot[2], rot[3], rot[4], rot[5], rot[6], rot[7], rot[8], t.X, t.Y, t.Z));
            previousOrder = order;
        }
        return (centro, centring, gens, shift);
    }

    private static (int, int, int) ParseShift(string hall, string inner)
    {
        var parts = inner.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3) throw Error(hall, "the origin-shift vector must have three components (in twelfths)");
        var v = new int[3];
        for (var i = 0; i < 3; i++)
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out v[i]))
                throw Error(hall, $"origin-shift component '{parts[i]}' is not an integer number of twelfths");
        return (v[0] * 2, v[1] * 2, v[2] * 2);
    }

    private static (bool Improper, int Order, char Axis, string Translation) ParseMatrixToken(string hall, string token)
    {
        var pos = 0;
        var improper = false;
        if (token[pos] == '-') { improper = true; pos++; }
        if (pos >= token.Length || token[pos] is not ('1' or '2' or '3' or '4' or '6'))
            throw Error(hall, $"matrix symbol '{token}' must start with a rotation order 1, 2, 3, 4 or 6");
        var order = token[pos] - '0';
        pos++;
        var axis = '\0';
        var translation = new System.Text.StringBuilder();
        for (; pos < token.Length; pos++)
        {
            var ch = token[pos];
            if (ch is 'x' or 'y' or 'z' or '\'' or '"' or '*')
            {
                if (axis != '\0') throw Error(hall, $"matrix symbol '{token}' has two axis symbols");
                axis = ch;
            }
            else if (ch is 'a' or 'b' or 'c' or 'n' or 'u' or 'v' or 'w' or 'd' or '1' or '2' or '3' or '4' or '5')
                translation.Append(ch);
            else throw Error(hall, $"unexpected character '{ch}' in matrix symbol '{token}'");
        }
        return (improper, order, axis, translation.ToString());
    }

    private static int[] RotationMatrix(string hall, int order, char axis, char referenceAxis)
    {
        int[] m = (order, axis) switch
        {
            (1, _) => [1, 0, 0, 0, 1, 0, 0, 0, 1],
            (2, 'x') => [1, 0, 0, 0, -1, 0, 0, 0, -1],
            (2, 'y') => [-1, 0, 0, 0, 1, 0, 0, 0, -1],
            (2, 'z') => [-1, 0, 0, 0, -1, 0, 0, 0, 1],
            (3, 'x') => [1, 0, 0, 0, 0, -1, 0, 1, -1],
            (3, 'y') => [-1, 0, 1, 0, 1, 0, -1, 0, 0],
            (3, 'z') => [0, -1, 0, 1, -1, 0, 0, 0, 1],
            (4, 'x') => [1, 0, 0, 0, 0, -1, 0, 1, 0],
            (4, 'y') => [0, 0, 1, 0, 1, 0, -1, 0, 0],
            (4, 'z') => [0, -1, 0, 1, 0, 0, 0, 0, 1],
            (6, 'x') => [1, 0, 0, 0, 1, -1, 0, 1, 0],
            (6, 'y') => [0, 0, 1, 0, 1, 0, -1, 0, 1],
            (6, 'z') => [1, -1, 0, 1, 0, 0, 0, 0, 1],
            (3, '*') => [0, 0, 1, 1, 0, 0, 0, 1, 0],
            // two-fold axes along face diagonals, relative to the preceding (reference) axis
            (2, '\'') => referenceAxis switch
            {
                'x' => [-1, 0, 0, 0, 0, -1, 0, -1, 0],
                'y' => [0, 0, -1, 0, -1, 0, -1, 0, 0],
                _ => [0, -1, 0, -1, 0, 0, 0, 0, -1],
            },
            (2, '"') => referenceAxis switch
            {
                'x' => [-1, 0, 0, 0, 0, 1, 0, 1, 0],
                'y' => [0, 0, 1, 0, -1, 0, 1, 0, 0],
                _ => [0, 1, 0, 1, 0, 0, 0, 0, -1],
            },
            _ => throw Error(hall, $"a {order}-fold rotation along axis '{axis}' is not a Hall matrix symbol"),
        };
        return m;
    }

    private static (int X, int Y, int Z) TranslationVector(string hall, string token, string symbols, int order, char axis)
    {
        int x = 0, y = 0, z = 0;
        foreach (var s in symbols)
        {
            switch (s)
            {
                case 'a': x += 12; break;
                case 'b': y += 12; break;
                case 'c': z += 12; break;
                case 'n': x += 12; y += 12; z += 12; break;
                case 'u': x += 6; break;
                case 'v': y += 6; break;
                case 'w': z += 6; break;
                case 'd': x += 6; y += 6; z += 6; break;
                default:
                    {
                        var k = s - '0';
                        if (order < 2 || k >= order) throw Error(hall, $"screw subscript {k} is not possible for a {order}-fold axis in '{token}'");
                        var t = k * D / order;
                        switch (axis)
                        {
                            case 'x': x += t; break;
                            case 'y': y += t; break;
                            case 'z': z += t; break;
                            default: throw Error(hall, $"screw subscript in '{token}' needs an x, y or z axis");
                        }
                        break;
                    }
            }
        }
        return (x, y, z);
    }

    // ---- group generation ----

    private static List<SymmetryOperation> CosetRepresentatives(string hall, List<SymmetryOperation> generators, (int X, int Y, int Z)[] centring)
    {
        var reps = new List<SymmetryOperation> { SymmetryOperation.Identity };
        var byRotation = new Dictionary<RotationKey, int> { [RotationKey.Of(SymmetryOperation.Identity)] = 0 };
        for (var i = 0; i < reps.Count; i++)
        {
            foreach (var g in generators)
            {
                var p = g.Compose(reps[i]).Normalized();
                var key = RotationKey.Of(p);
                if (byRotation.ContainsKey(key)) continue;
                if (reps.Count == 48) throw Error(hall, "the generators do not close into a crystallographic point group (more than 48 rotations)");
                byRotation[key] = reps.Count;
                reps.Add(p);
            }
        }
        // closure check modulo the centred lattice: every product's translation must match the representative's
        foreach (var a in reps)
            foreach (var b in reps)
            {
                var p = a.Compose(b);
                var r = reps[byRotation[RotationKey.Of(p)]];
                if (!DiffersByCentring(p, r, centring))
                    throw Error(hall, $"the generated operations do not form a space group ({a.ToXyz()} × {b.ToXyz()} = {p.Normalized().ToXyz()} is not in the set)");
            }
        return reps;
    }

    private static bool DiffersByCentring(SymmetryOperation p, SymmetryOperation r, (int X, int Y, int Z)[] centring)
    {
        foreach (var c in centring)
            if (Mod(p.T0 - r.T0 - c.X) == 0 && Mod(p.T1 - r.T1 - c.Y) == 0 && Mod(p.T2 - r.T2 - c.Z) == 0) return true;
        return false;
    }

    private static int Mod(int t) { var m = t % D; return m < 0 ? m + D : m; }

    /// <summary>Moves the origin by <paramref name="v"/>: (I, v)(R, t)(I, −v), i.e. t' = t + v − R v.</summary>
    private static SymmetryOperation ShiftOrigin(SymmetryOperation op, (int X, int Y, int Z) v)
    {
        if (v == (0, 0, 0)) return op;
        var rv = op.ApplyRotationInt(v.X, v.Y, v.Z);
        return new SymmetryOperation(op.R00, op.R01, op.R02, op.R10, op.R11, op.R12, op.R20, op.R21, op.R22,
            op.T0 + v.X - rv.X, op.T1 + v.Y - rv.Y, op.T2 + v.Z - rv.Z);
    }

    private static (int X, int Y, int Z) ApplyRotationInt(this SymmetryOperation op, int x, int y, int z) => (
        op.R00 * x + op.R01 * y + op.R02 * z,
        op.R10 * x + op.R11 * y + op.R12 * z,
        op.R20 * x + op.R21 * y + op.R22 * z);

    private static CrystallographyException Error(string hall, string reason) => new($"cannot read Hall symbol '{hall}': {reason}");

    private readonly record struct RotationKey(int A, int B, int C, int D, int E, int F, int G, int H, int I)
    {
        public static RotationKey Of(SymmetryOperation o) => new(o.R00, o.R01, o.R02, o.R10, o.R11, o.R12, o.R20, o.R21, o.R22);
    }
}
