namespace Bravais.Diffraction.Physics;

/// <summary>
/// Miller indices (h, k, l) of a reflection. On hexagonal lattices they are shown as Miller–Bravais
/// (h, k, i, l) with i = −h − k, as pymatgen shows them.
/// </summary>
public readonly record struct MillerIndices(int H, int K, int L)
{
    /// <summary>The third Miller–Bravais index, i = −(h + k).</summary>
    public int I => -(H + K);

    public MillerIndices Negated => new(-H, -K, -L);

    /// <summary>"(1,1,1)" or, with <paramref name="millerBravais"/>, "(1,0,-1,2)".</summary>
    public string Format(bool millerBravais) => millerBravais
        ? FormattableString.Invariant($"({H},{K},{I},{L})")
        : FormattableString.Invariant($"({H},{K},{L})");

    public override string ToString() => Format(false);

    /// <summary>Lexicographic order of the index tuple (the 3- or 4-index form), as Python orders tuples.</summary>
    public static int CompareTuples(MillerIndices a, MillerIndices b, bool millerBravais)
    {
        var c = a.H.CompareTo(b.H);
        if (c != 0) return c;
        c = a.K.CompareTo(b.K);
        if (c != 0) return c;
        if (millerBravais)
        {
            c = a.I.CompareTo(b.I);
            if (c != 0) return c;
        }
        return a.L.CompareTo(b.L);
    }
}
