using Bravais.Crystallography.Chemistry;

namespace Bravais.Diffraction.Physics;

/// <summary>
/// X-ray atomic form factors of neutral atoms in pymatgen's parameterisation:
/// f(s) = Z − 41.78214 · s² · Σ_{i=1..4} a_i exp(−b_i s²), with s = sin θ / λ = 1 / (2d) in Å⁻¹.
/// The coefficients (elements 1–98) are data in <see cref="ScatteringFactorTable"/>, with their source.
/// </summary>
public static class ScatteringFactors
{
    /// <summary>The Mott–Bethe constant of the parameterisation (Å⁻¹ units folded in), as pymatgen uses it.</summary>
    public const double MottBetheConstant = 41.78214;

    /// <summary>Highest atomic number with coefficients.</summary>
    public static int MaxAtomicNumber => ScatteringFactorTable.ByAtomicNumber.Length - 1;

    /// <summary>True when coefficients exist for the element symbol.</summary>
    public static bool IsKnown(string element) =>
        Elements.TryGetAtomicNumber(element, out var z) && z <= MaxAtomicNumber;

    /// <summary>The atomic number and the 8 coefficients (a1..a4, b1..b4) for an element symbol.</summary>
    public static (int AtomicNumber, ReadOnlyMemory<double> Coefficients) Coefficients(string element)
    {
        if (!Elements.TryGetAtomicNumber(element, out var z))
            throw new DiffractionException($"'{element}' is not a chemical element");
        if (z > MaxAtomicNumber)
            throw new DiffractionException($"no X-ray scattering coefficients for {element} (Z = {z}; the table covers Z = 1–{MaxAtomicNumber})");
        return (z, ScatteringFactorTable.ByAtomicNumber[z]);
    }

    /// <summary>f(s) for one element at s = sin θ / λ (Å⁻¹).</summary>
    public static double Evaluate(string element, double sinThetaOverLambda)
    {
        var (z, c) = Coefficients(element);
        return Evaluate(z, c.Span, sinThetaOverLambda * sinThetaOverLambda);
    }

    /// <summary>f at s² for atomic number z with coefficients c = (a1..a4, b1..b4).</summary>
    public static double Evaluate(int atomicNumber, ReadOnlySpan<double> c, double s2)
    {
        var sum = 0.0;
        for (var i = 0; i < 4; i++) sum += c[i] * Math.Exp(-c[4 + i] * s2);
        return atomicNumber - MottBetheConstant * s2 * sum;
    }
}
