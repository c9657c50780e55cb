using System.Globalization;

namespace Bravais.Crystallography.Symmetry;

/// <summary>
/// An exact change-of-basis operator M = (P, p) mapping old fractional coordinates to new ones,
/// x' = P x + p, as written after a Hall symbol: an origin shift in twelfths "(0 0 1)" or an operator
/// "(x,y+1/2,z)", "(1/2*x+1/2*y,1/2*x-1/2*y,-z)". Operations transform as W' = M W M⁻¹ and the old
/// lattice translations t become P t (centring vectors in the new cell).
/// </summary>
internal sealed class ChangeOfBasis
{
    private const int D = SymmetryOperation.Denominator;
    private readonly Fraction[] _p;   // 3×3, row-major
    private readonly Fraction[] _pInv;
    private readonly Fraction[] _shift;

    private ChangeOfBasis(Fraction[] p, Fraction[] shift)
    {
        _p = p;
        _shift = shift;
        var det = Determinant(p);
        if (det.IsZero) throw new FormatException("the change-of-basis matrix is singular");
        // the old lattice must contain the new unit translations: |det P| ≤ 1 with 1/det an integer
        var inverseDet = Fraction.One / det;
        if (inverseDet.Den != 1) throw new FormatException("the change of basis does not give a cell made of whole lattice cells");
        _pInv = Inverse(p, det);
    }

    public static ChangeOfBasis OriginShiftTwelfths(int x, int y, int z) =>
        new([Fraction.One, Fraction.Zero, Fraction.Zero, Fraction.Zero, Fraction.One, Fraction.Zero, Fraction.Zero, Fraction.Zero, Fraction.One],
            [new Fraction(x, 12), new Fraction(y, 12), new Fraction(z, 12)]);

    /// <summary>Parses "x,y+1/2,z" / "1/2*x+1/2*y,1/2*x-1/2*y,-z" (rational coefficients and constants).</summary>
    public static ChangeOfBasis ParseXyz(string text)
    {
        var parts = text.Split(',');
        if (parts.Length != 3) throw new FormatException($"expected three comma-separated components, found {parts.Length}");
        var p = new Fraction[9];
        var shift = new Fraction[3];
        for (var i = 0; i < 9; i++) p[i] = Fraction.Zero;
        for (var i = 0; i < 3; i++)
        {
            shift[i] = Fraction.Zero;
            var s = parts[i].Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
            if (s.Length == 0) throw new FormatException($"component {i + 1} is empty");
            var pos = 0;
            while (pos < s.Length)
            {
                var sign = 1;
                if (s[pos] is '+' or '-') { sign = s[pos] == '-' ? -1 : 1; pos++; }
                var start = pos;
                while (pos < s.Length && (char.IsDigit(s[pos]) || s[pos] is '/' or '.')) pos++;
                Fraction? number = pos > start ? Fraction.Parse(s[start..pos]) : null;
                if (pos < s.Length && s[pos] == '*') pos++;
                if (pos < s.Length && s[pos] is 'x' or 'y' or 'z' or 'a' or 'b' or 'c')
                {
                    var axis = s[pos] switch { 'x' or 'a' => 0, 'y' or 'b' => 1, _ => 2 };
                    p[i * 3 + axis] += (number ?? Fraction.One) * new Fraction(sign, 1);
                    pos++;
                }
                else if (number is Fraction n) shift[i] += n * new Fraction(sign, 1);
                else throw new FormatException($"unexpected '{(pos < s.Length ? s[pos] : ' ')}' in component '{parts[i]}'");
            }
        }
        return new ChangeOfBasis(p, shift);
    }

    /// <summary>W' = M W M⁻¹; throws <see cref="FormatException"/> when the result is not an integer rotation with a translation in 1/24.</summary>
    public SymmetryOperation Transform(SymmetryOperation w)
    {
        // rotation: P R P⁻¹
        var r = new Fraction[9];
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
            {
                var s = Fraction.Zero;
                for (var k = 0; k < 3; k++)
                    for (var l = 0; l < 3; l++)
                        s += _p[i * 3 + k] * new Fraction(w.Rotation(k, l), 1) * _pInv[l * 3 + j];
                r[i * 3 + j] = s;
            }
        // translation: P t + p − P R P⁻¹ p
        var t = new int[3];
        for (var i = 0; i < 3; i++)
        {
            var s = _shift[i];
            for (var k = 0; k < 3; k++) s += _p[i * 3 + k] * new Fraction(w.Translation(k), D);
            for (var k = 0; k < 3; k++) s -= r[i * 3 + k] * _shift[k];
            t[i] = ToTwentyFourths(s);
        }
        var ri = r.Select(f => f.Den == 1 ? checked((int)f.Num) : throw new FormatException("the change of basis gives a non-integer rotation")).ToArray();
        return new SymmetryOperation(ri[0], ri[1], ri[2], ri[3], ri[4], ri[5], ri[6], ri[7], ri[8], t[0], t[1], t[2]);
    }

    /// <summary>The images P eᵢ of the old unit translations, in 1/24 (new-cell centring generators).</summary>
    public IEnumerable<(int X, int Y, int Z)> LatticeImages()
    {
        for (var j = 0; j < 3; j++)
            yield return (ToTwentyFourths(_p[j]), ToTwentyFourths(_p[3 + j]), ToTwentyFourths(_p[6 + j]));
    }

    private static int ToTwentyFourths(Fraction f)
    {
        var scaled = f * new Fraction(D, 1);
        if (scaled.Den != 1) throw new FormatException($"translation {f} is not a multiple of 1/{D}");
        return checked((int)scaled.Num);
    }

    private static Fraction Determinant(Fraction[] m) =>
        m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);

    private static Fraction[] Inverse(Fraction[] m, Fraction det) =>
    [
        (m[4] * m[8] - m[5] * m[7]) / det, (m[2] * m[7] - m[1] * m[8]) / det, (m[1] * m[5] - m[2] * m[4]) / det,
        (m[5] * m[6] - m[3] * m[8]) / det, (m[0] * m[8] - m[2] * m[6]) / det, (m[2] * m[3] - m[0] * m[5]) / det,
        (m[3] * m[7] - m[4] * m[6]) / det, (m[1] * m[6] - m[0] * m[7]) / det, (m[0] * m[4] - m[1] * m[3]) / det,
    ];

    /// <summary>An exact rational number, always reduced with a positive denominator.</summary>
    internal readonly record struct Fraction
    {
        public long Num { get; }
        public long Den { get; }

        public Fraction(long num, long den)
        {
            if (den == 0) throw new FormatException("division by zero");
            if (den < 0) { num = -num; den = -den; }
            var g = Gcd(Math.Abs(num), den);
            Num = num / g; Den = den / g;
        }

        public static Fraction Zero => new(0, 1);
        public static Fraction One => new(1, 1);
        public bool IsZero => Num == 0;

        // checked: absurd coefficients overflow into an OverflowException rather than a wrong answer
        public static Fraction operator +(Fraction a, Fraction b) => checked(new(a.Num * b.Den + b.Num * a.Den, a.Den * b.Den));
        public static Fraction operator -(Fraction a, Fraction b) => checked(new(a.Num * b.Den - b.Num * a.Den, a.Den * b.Den));
        public static Fraction operator *(Fraction a, Fraction b) => checked(new(a.Num * b.Num, a.Den * b.Den));
        public static Fraction operator /(Fraction a, Fraction b) => checked(new(a.Num * b.Den, a.Den * b.Num));

        public static Fraction Parse(string s)
        {
            var slash = s.IndexOf('/');
            if (slash >= 0)
                return new Fraction(long.Parse(s[..slash], CultureInfo.InvariantCulture), long.Parse(s[(slash + 1)..], CultureInfo.InvariantCulture));
            var dot = s.IndexOf('.');
            if (dot < 0) return new Fraction(long.Parse(s, CultureInfo.InvariantCulture), 1);
            var decimals = s.Length - dot - 1;
            if (decimals > 6) throw new FormatException($"too many decimals in '{s}'");
            var den = (long)Math.Pow(10, decimals);
            return new Fraction(long.Parse(s.Remove(dot, 1), CultureInfo.InvariantCulture), den);
        }

        public override string ToString() => Den == 1 ? Num.ToString(CultureInfo.InvariantCulture) : $"{Num}/{Den}";

        private static long Gcd(long a, long b) { while (b != 0) (a, b) = (b, a % b); return a == 0 ? 1 : a; }
    }
}
