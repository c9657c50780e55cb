using Bravais.Crystallography.Structures;

namespace Bravais.Diffraction.Physics;

/// <summary>
/// A structure's atoms regrouped for the structure-factor sum: every (site, occupant) pair becomes one
/// scatterer (position, occupancy), and scatterers are grouped by scattering type, one type per distinct
/// (element, Debye–Waller B) pair, so each f(s) is evaluated once per type and reflection.
/// Arrays are reused between structures (see <see cref="Load"/>); nothing here allocates once warm.
/// </summary>
public sealed class Scatterers
{
    /// <summary>Number of scattering types.</summary>
    public int TypeCount { get; private set; }
    /// <summary>Number of scatterers (site occupants).</summary>
    public int Count { get; private set; }

    internal int[] TypeAtomicNumber = new int[8];
    internal double[][] TypeCoefficients = new double[8][];
    internal double[] TypeB = new double[8];
    internal string[] TypeElement = new string[8];
    /// <summary>Scatterers of type t are [TypeStart[t], TypeStart[t+1]).</summary>
    internal int[] TypeStart = new int[9];

    internal double[] X = new double[64], Y = new double[64], Z = new double[64], Occupancy = new double[64];

    private readonly Dictionary<string, int> _atomicNumbers = new(StringComparer.Ordinal);
    private int[] _scratchType = new int[64];
    private int[] _scratchOrder = new int[64];

    /// <summary>
    /// Fills the arrays from <paramref name="structure"/>. B per scatterer: the element's entry in
    /// <paramref name="debyeWallerByElement"/> if present, else the site's B_iso when
    /// <paramref name="useSiteDisplacement"/>, else 0 (pymatgen's default: no thermal damping).
    /// </summary>
    public void Load(Structure structure, IReadOnlyDictionary<string, double>? debyeWallerByElement = null, bool useSiteDisplacement = false)
    {
        var n = 0;
        foreach (var site in structure.Sites) n += site.Occupants.Length;
        EnsureScatterers(n);
        TypeCount = 0;
        Count = n;
        var idx = 0;
        foreach (var site in structure.Sites)
        {
            foreach (var occupant in site.Occupants)
            {
                double b = 0;
                if (debyeWallerByElement is not null && debyeWallerByElement.TryGetValue(occupant.Element, out var bElement)) b = bElement;
                else if (useSiteDisplacement && site.BIso is { } bSite) b = bSite;
                var t = FindOrAddType(occupant.Element, b, structure.Id);
                _scratchType[idx] = t;
                X[idx] = site.Fractional.X; Y[idx] = site.Fractional.Y; Z[idx] = site.Fractional.Z;
                Occupancy[idx] = occupant.Occupancy;
                idx++;
            }
        }
        // counting sort by type, keeping the file order within a type
        Array.Clear(TypeStart, 0, TypeCount + 1);
        for (var i = 0; i < n; i++) TypeStart[_scratchType[i] + 1]++;
        for (var t = 0; t < TypeCount; t++) TypeStart[t + 1] += TypeStart[t];
        Span<int> next = stackalloc int[TypeCount];
        for (var t = 0; t < TypeCount; t++) next[t] = TypeStart[t];
        for (var i = 0; i < n; i++) _scratchOrder[next[_scratchType[i]]++] = i;
        Permute(X, n); Permute(Y, n); Permute(Z, n); Permute(Occupancy, n);
    }

    private void Permute(double[] values, int n)
    {
        Span<double> copy = n <= 512 ? stackalloc double[n] : new double[n];
        values.AsSpan(0, n).CopyTo(copy);
        for (var i = 0; i < n; i++) values[i] = copy[_scratchOrder[i]];
    }

    private int FindOrAddType(string element, double b, string structureId)
    {
        for (var t = 0; t < TypeCount; t++)
            if (TypeB[t] == b && string.Equals(TypeElement[t], element, StringComparison.Ordinal)) return t;
        if (!double.IsFinite(b) || b < 0)
            throw new DiffractionException($"structure {structureId}: Debye–Waller B = {b} for {element} must be finite and ≥ 0");
        // element symbols are looked up once per workspace (the lookup upper-cases, i.e. allocates)
        if (!_atomicNumbers.TryGetValue(element, out var z))
        {
            try { (z, _) = ScatteringFactors.Coefficients(element); }
            catch (DiffractionException e) { throw new DiffractionException($"structure {structureId}: {e.Reason}"); }
            _atomicNumbers[element] = z;
        }
        if (TypeCount == TypeB.Length)
        {
            var m = TypeB.Length * 2;
            Array.Resize(ref TypeAtomicNumber, m); Array.Resize(ref TypeCoefficients, m); Array.Resize(ref TypeB, m);
            Array.Resize(ref TypeElement, m); Array.Resize(ref TypeStart, m + 1);
        }
        TypeElement[TypeCount] = element;
        TypeAtomicNumber[TypeCount] = z;
        TypeCoefficients[TypeCount] = ScatteringFactorTable.ByAtomicNumber[z];
        TypeB[TypeCount] = b;
        return TypeCount++;
    }

    private void EnsureScatterers(int n)
    {
        if (X.Length >= n) return;
        var m = Math.Max(n, X.Length * 2);
        X = new double[m]; Y = new double[m]; Z = new double[m]; Occupancy = new double[m];
        _scratchType = new int[m]; _scratchOrder = new int[m];
    }
}
