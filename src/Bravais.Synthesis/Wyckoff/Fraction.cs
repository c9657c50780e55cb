using System.Globalization;

namespace Bravais.Synthesis.Wyckoff;

/// <summary>
/// An exact rational number with a positive denominator, always in lowest terms. Used for the
/// coordinates of special positions (1/8, 1/3, 3/4 …) so that fixed-point sets are compared exactly.
/// </summary>
public readonly record struct Fraction : IComparable<Fraction>
{
    public long Numerator { get; }
    public long Denominator { get; }

    public Fraction(long numerator, long denominator = 1)
    {
        if (denominator == 0) throw new DivideByZeroException("fraction with zero denominator");
        if (denominator < 0) { numerator = -numerator; denominator = -denominator; }
        var g = Gcd(Math.Abs(numerator), denominator);
        Numerator = numerator / g;
        Denominator = denominator / g;
    }

    public static readonly Fraction Zero = new(0);
    public static readonly Fraction One = new(1);

    public static implicit operator Fraction(long value) => new(value);

    public static Fraction operator +(Fraction a, Fraction b) => new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);
    public static Fraction operator -(Fraction a, Fraction b) => new(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);
    public static Fraction operator -(Fraction a) => new(-a.Numerator, a.Denominator);
    public static Fraction operator *(Fraction a, Fraction b) => new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);
    public static Fraction operator /(Fraction a, Fraction b) => new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public bool IsZero => Numerator == 0;
    public bool IsInteger => Denominator == 1;

    /// <summary>The value reduced into [0, 1).</summary>
    public Fraction Mod1()
    {
        var r = Numerator % Denominator;
        if (r < 0) r += Denominator;
        return new Fraction(r, Denominator);
    }

    public double ToDouble() => (double)Numerator / Denominator;

    public static bool operator <(Fraction a, Fraction b) => a.CompareTo(b) < 0;
    public static bool operator >(Fraction a, Fraction b) => a.CompareTo(b) > 0;
    public static bool operator <=(Fraction a, Fraction b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Fraction a, Fraction b) => a.CompareTo(b) >= 0;

    public int CompareTo(Fraction other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public override string ToString() => Denominator == 1
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : Numerator.ToString(CultureInfo.InvariantCulture) + "/" + Denominator.ToString(CultureInfo.InvariantCulture);

    private static long Gcd(long a, long b) { while (b != 0) (a, b) = (b, a % b); return a == 0 ? 1 : a; }
}
