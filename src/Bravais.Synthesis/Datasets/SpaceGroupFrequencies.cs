using System.Globalization;
using Bravais.Crystallography;

namespace Bravais.Synthesis.Datasets;

/// <summary>
/// How often each space group occurs among real crystals: the counts of the ~153k Materials Project structures
/// per group (Data/spacegroup_frequencies.tsv, derived by tools/synthesis/derive_spacegroup_frequencies.py from
/// ../shared/data/mp/labels.tsv). Used to draw the space groups inside each Bravais lattice as real crystals
/// fall into them (a few groups per lattice dominate).
/// </summary>
public sealed class SpaceGroupFrequencies
{
    private readonly double[] _counts; // index = space-group number

    public SpaceGroupFrequencies(IReadOnlyDictionary<int, double> counts)
    {
        _counts = new double[231];
        foreach (var (n, c) in counts)
        {
            if (n is < 1 or > 230) throw new CrystallographyException($"space-group frequencies: {n} is not a space-group number 1–230");
            if (!(c >= 0)) throw new CrystallographyException($"space-group frequencies: group {n} has count {c}; counts must be non-negative");
            _counts[n] = c;
        }
    }

    /// <summary>The count of group <paramref name="number"/> (0 when never seen).</summary>
    public double this[int number] => number is >= 1 and <= 230 ? _counts[number] : throw new ArgumentOutOfRangeException(nameof(number));

    private static readonly Lazy<SpaceGroupFrequencies> Embedded = new(() =>
    {
        using var stream = typeof(SpaceGroupFrequencies).Assembly.GetManifestResourceStream("Bravais.Synthesis.Data.spacegroup_frequencies.tsv")
            ?? throw new InvalidOperationException("embedded resource Data/spacegroup_frequencies.tsv is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader, "spacegroup_frequencies.tsv");
    });

    /// <summary>The Materials Project table shipped with the library.</summary>
    public static SpaceGroupFrequencies MaterialsProject => Embedded.Value;

    /// <summary>Reads "number [tab lattice] tab count" rows; '#' comments and a header starting with "spacegroup" are skipped.</summary>
    public static SpaceGroupFrequencies Parse(TextReader reader, string source)
    {
        var counts = new Dictionary<int, double>();
        string? line;
        var lineNumber = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("spacegroup", StringComparison.Ordinal)) continue;
            var f = line.Split('\t');
            if (f.Length < 2 || !int.TryParse(f[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                || !double.TryParse(f[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var c))
                throw new CrystallographyException($"{source} line {lineNumber}: expected 'space-group number<TAB>…<TAB>count', found '{line}'");
            if (n is < 1 or > 230) throw new CrystallographyException($"{source} line {lineNumber}: {n} is not a space-group number 1–230");
            if (!(c >= 0)) throw new CrystallographyException($"{source} line {lineNumber}: count {f[^1]} must be non-negative");
            counts[n] = c;
        }
        return new SpaceGroupFrequencies(counts);
    }
}
