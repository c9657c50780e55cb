using System.Globalization;
using System.Text;
using Bravais.Crystallography.Geometry;

namespace Bravais.Crystallography.Symmetry;

/// <summary>
/// An exact crystallographic symmetry operation x' = R x + t on fractional coordinates:
/// an integer rotation matrix R and a translation t stored in units of 1/<see cref="Denominator"/>
/// (24 covers every translation of the 230 space groups and their usual settings: halves, thirds,
/// quarters, sixths, eighths). Value semantics; equality is exact (use <see cref="Normalised"/> to
/// compare modulo lattice translations).
/// </summary>
public readonly struct SymmetryOperation : IEquatable<SymmetryOperation>
{
    public const int Denominator = 24;

    public readonly int R00, R01, R02, R10, R11, R12, R20, R21, R22;
    /// <summary>Translation numerators; the translation is (T0, T1, T2) / 24.</summary>
    public readonly int T0, T1, T2;

    public SymmetryOperation(int r00, int r01, int r02, int r10, int r11, int r12, int r20, int r21, int r22, int t0, int t1, int t2)
    {
        R00 = r00; R01 = r01; R02 = r02; R10 = r10; R11 = r11; R12 = r12; R20 = r20; R21 = r21; R22 = r22;
        T0 = t0; T1 = t1; T2 = t2;
    }

    public static SymmetryOperation Identity => new(1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0);

    /// <summary>A pure lattice/centring translation by (t0, t1, t2)/24.</summary>
    public static SymmetryOperation Translation(int t0, int t1, int t2) => new(1, 0, 0, 0, 1, 0, 0, 0, 1, t0, t1, t2);

    public int Rotation(int i, int j) => (i * 3 + j) switch
    {
        0 => R00, 1 => R01, 2 => R02, 3 => R10, 4 => R11, 5 => R12, 6 => R20, 7 => R21, 8 => R22,
        _ => throw new ArgumentOutOfRangeException(nameof(i)),
    };

    public int Translation(int i) => i switch { 0 => T0, 1 => T1, 2 => T2, _ => throw new ArgumentOutOfRangeException(nameof(i)) };

    public Vec3 TranslationVector => new((double)T0 / Denominator, (double)T1 / Denominator, (double)T2 / Denominator);

    public int Determinant =>
        R00 * (R11 * R22 - R12 * R21) - R01 * (R10 * R22 - R12 * R20) + R02 * (R10 * R21 - R11 * R20);

    public int Trace => R00 + R11 + R22;

    public bool IsIdentityRotation => R00 == 1 && R11 == 1 && R22 == 1 && R01 == 0 && R02 == 0 && R10 == 0 && R12 == 0 && R20 == 0 && R21 == 0;

    /// <summary>Applies the operation to fractional coordinates (no wrapping into the cell).</summary>
    public Vec3 Apply(Vec3 p) => new(
        R00 * p.X + R01 * p.Y + R02 * p.Z + (double)T0 / Denominator,
        R10 * p.X + R11 * p.Y + R12 * p.Z + (double)T1 / Denominator,
        R20 * p.X + R21 * p.Y + R22 * p.Z + (double)T2 / Denominator);

    /// <summary>Applies only the rotation part, e.g. to Miller indices as a row vector use <see cref="ApplyToMillerIndices"/>.</summary>
    public Vec3 ApplyRotation(Vec3 p) => new(
        R00 * p.X + R01 * p.Y + R02 * p.Z,
        R10 * p.X + R11 * p.Y + R12 * p.Z,
        R20 * p.X + R21 * p.Y + R22 * p.Z);

    /// <summary>hkl' = hkl · R (Miller indices transform as a row vector).</summary>
    public (int H, int K, int L) ApplyToMillerIndices(int h, int k, int l) => (
        h * R00 + k * R10 + l * R20,
        h * R01 + k * R11 + l * R21,
        h * R02 + k * R12 + l * R22);

    /// <summary>this ∘ other: first <paramref name="other"/>, then this. R = R₁R₂, t = R₁t₂ + t₁.</summary>
    public SymmetryOperation Compose(SymmetryOperation other) => new(
        R00 * other.R00 + R01 * other.R10 + R02 * other.R20, R00 * other.R01 + R01 * other.R11 + R02 * other.R21, R00 * other.R02 + R01 * other.R12 + R02 * other.R22,
        R10 * other.R00 + R11 * other.R10 + R12 * other.R20, R10 * other.R01 + R11 * other.R11 + R12 * other.R21, R10 * other.R02 + R11 * other.R12 + R12 * other.R22,
        R20 * other.R00 + R21 * other.R10 + R22 * other.R20, R20 * other.R01 + R21 * other.R11 + R22 * other.R21, R20 * other.R02 + R21 * other.R12 + R22 * other.R22,
        R00 * other.T0 + R01 * other.T1 + R02 * other.T2 + T0,
        R10 * other.T0 + R11 * other.T1 + R12 * other.T2 + T1,
        R20 * other.T0 + R21 * other.T1 + R22 * other.T2 + T2);

    public static SymmetryOperation operator *(SymmetryOperation a, SymmetryOperation b) => a.Compose(b);

    /// <summary>The inverse operation: R⁻¹, −R⁻¹t. Throws if R is not unimodular.</summary>
    public SymmetryOperation Inverse()
    {
        var det = Determinant;
        if (det is not (1 or -1)) throw new CrystallographyException($"operation {ToXyz()} has a rotation of determinant {det}; it is not a crystallographic symmetry operation");
        int i00 = (R11 * R22 - R12 * R21) * det, i01 = (R02 * R21 - R01 * R22) * det, i02 = (R01 * R12 - R02 * R11) * det;
        int i10 = (R12 * R20 - R10 * R22) * det, i11 = (R00 * R22 - R02 * R20) * det, i12 = (R02 * R10 - R00 * R12) * det;
        int i20 = (R10 * R21 - R11 * R20) * det, i21 = (R01 * R20 - R00 * R21) * det, i22 = (R00 * R11 - R01 * R10) * det;
        return new(i00, i01, i02, i10, i11, i12, i20, i21, i22,
            -(i00 * T0 + i01 * T1 + i02 * T2), -(i10 * T0 + i11 * T1 + i12 * T2), -(i20 * T0 + i21 * T1 + i22 * T2));
    }

    /// <summary>The same operation with its translation reduced into [0, 1).</summary>
    public SymmetryOperation Normalised() => new(R00, R01, R02, R10, R11, R12, R20, R21, R22, Mod(T0), Mod(T1), Mod(T2));

    public bool EqualsModuloLattice(SymmetryOperation other) => Normalised().Equals(other.Normalised());

    private static int Mod(int t) { var m = t % Denominator; return m < 0 ? m + Denominator : m; }

    public bool Equals(SymmetryOperation o) =>
        R00 == o.R00 && R01 == o.R01 && R02 == o.R02 && R10 == o.R10 && R11 == o.R11 && R12 == o.R12 &&
        R20 == o.R20 && R21 == o.R21 && R22 == o.R22 && T0 == o.T0 && T1 == o.T1 && T2 == o.T2;

    public override bool Equals(object? obj) => obj is SymmetryOperation o && Equals(o);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(R00); h.Add(R01); h.Add(R02); h.Add(R10); h.Add(R11); h.Add(R12); h.Add(R20); h.Add(R21); h.Add(R22);
        h.Add(T0); h.Add(T1); h.Add(T2);
        return h.ToHashCode();
    }

    public static bool operator ==(SymmetryOperation a, SymmetryOperation b) => a.Equals(b);
    public static bool operator !=(SymmetryOperation a, SymmetryOperation b) => !a.Equals(b);

    /// <summary>The operation in the CIF "x,y,z" notation, e.g. <c>-y,x-y,z+1/3</c>.</summary>
    public string ToXyz()
    {
        var sb = new StringBuilder(24);
        for (var i = 0; i < 3; i++)
        {
            if (i > 0) sb.Append(',');
            var start = sb.Length;
            for (var j = 0; j < 3; j++)
            {
                var r = Rotation(i, j);
                if (r == 0) continue;
                if (r < 0) sb.Append('-'); else if (sb.Length > start) sb.Append('+');
                if (Math.Abs(r) != 1) sb.Append(Math.Abs(r).ToString(CultureInfo.InvariantCulture));
                sb.Append("xyz"[j]);
            }
            var t = Translation(i);
            if (t != 0)
            {
                var g = Gcd(Math.Abs(t), Denominator);
                var num = t / g; var den = Denominator / g;
                if (num > 0 && sb.Length > start) sb.Append('+');
                sb.Append(num.ToString(CultureInfo.InvariantCulture));
                if (den != 1) sb.Append('/').Append(den.ToString(CultureInfo.InvariantCulture));
            }
            if (sb.Length == start) sb.Append('0');
        }
        return sb.ToString();
    }

    public override string ToString() => ToXyz();

    private static int Gcd(int a, int b) { while (b != 0) (a, b) = (b, a % b); return a == 0 ? 1 : a; }

    /// <summary>
    /// Parses an operation in any spelling seen in CIFs: <c>-x+1/2</c>, <c>1/2+x</c>, <c>x+0.5</c>,
    /// <c>-y,x-y,z+1/3</c>, upper case, spaces, quotes, <c>+x</c>. Decimal translations are rounded to the
    /// nearest 1/24 when within 0.002. Throws <see cref="CrystallographyException"/> with the reason.
    /// </summary>
    public static SymmetryOperation Parse(string text, SourceLocation? location = null)
    {
        if (!TryParse(text, out var op, out var error))
            throw new CrystallographyException($"cannot read symmetry operation '{text}': {error}", location);
        return op;
    }

    public static bool TryParse(string text, out SymmetryOperation op, out string error)
    {
        op = default;
        var s = text.Trim().Trim('\'', '"').Trim();
        var parts = s.Split(',');
        if (parts.Length != 3) { error = $"expected 3 comma-separated components, found {parts.Length}"; return false; }
        Span<int> r = stackalloc int[9];
        Span<int> t = stackalloc int[3];
        for (var i = 0; i < 3; i++)
            if (!ParseComponent(parts[i], r.Slice(i * 3, 3), out t[i], out error)) { error = $"component {i + 1} ('{parts[i].Trim()}'): {error}"; return false; }
        op = new SymmetryOperation(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], t[0], t[1], t[2]);
        var det = op.Determinant;
        if (det is not (1 or -1)) { error = $"rotation part has determinant {det}"; return false; }
        error = "";
        return true;
    }

    private static bool ParseComponent(string comp, Span<int> row, out int translation, out string error)
    {
        translation = 0; error = "";
        var s = comp.Replace(" ", "", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal).ToLowerInvariant();
        if (s.Length == 0) { error = "empty"; return false; }
        var pos = 0;
        var any = false;
        double constant = 0;
        while (pos < s.Length)
        {
            var sign = 1;
            if (s[pos] is '+' or '-') { if (s[pos] == '-') sign = -1; pos++; }
            if (pos >= s.Length) { error = "dangling sign"; return false; }
            // optional number (integer, fraction or decimal)
            var numStart = pos;
            while (pos < s.Length && (char.IsDigit(s[pos]) || s[pos] == '.' || s[pos] == '/')) pos++;
            double? number = null;
            if (pos > numStart)
            {
                var tok = s[numStart..pos];
                if (!TryParseNumber(tok, out var v)) { error = $"bad number '{tok}'"; return false; }
                number = v;
            }
            if (pos < s.Length && s[pos] is 'x' or 'y' or 'z')
            {
                var axis = s[pos] - 'x';
                pos++;
                var coeff = number ?? 1.0;
                if (pos < s.Length && s[pos] == '*') { error = "unsupported '*'"; return false; }
                var ic = (int)Math.Round(coeff);
                if (Math.Abs(coeff - ic) > 1e-9) { error = $"non-integer coefficient {coeff}"; return false; }
                row[axis] += sign * ic;
                any = true;
            }
            else if (pos < s.Length && s[pos] == '*' && number is not null)
            {
                pos++;
                if (pos < s.Length && s[pos] is 'x' or 'y' or 'z') { row[s[pos] - 'x'] += sign * (int)Math.Round(number.Value); pos++; any = true; }
                else { error = "expected x, y or z after '*'"; return false; }
            }
            else if (number is not null)
            {
                constant += sign * number.Value;
                // a fraction written as "x/2"-style is not used in CIFs; continue
            }
            else
            {
                error = pos < s.Length ? $"unexpected character '{s[pos]}'" : "unexpected end";
                return false;
            }
        }
        if (!any && constant == 0 && !s.Contains('0')) { error = "no coordinate"; return false; }
        var scaled = constant * Denominator;
        var rounded = Math.Round(scaled);
        if (Math.Abs(scaled - rounded) > 0.002 * Denominator) { error = $"translation {constant} is not a multiple of 1/{Denominator}"; return false; }
        translation = (int)rounded;
        return true;
    }

    private static bool TryParseNumber(string tok, out double value)
    {
        var slash = tok.IndexOf('/');
        if (slash >= 0)
        {
            value = 0;
            if (!double.TryParse(tok[..slash], NumberStyles.Float, CultureInfo.InvariantCulture, out var n)) return false;
            if (!double.TryParse(tok[(slash + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || d == 0) return false;
            value = n / d;
            return true;
        }
        return double.TryParse(tok, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
