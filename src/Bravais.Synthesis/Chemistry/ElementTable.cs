using System.Collections.Immutable;
using System.Globalization;

namespace Bravais.Synthesis.Chemistry;

/// <summary>Per-element statistics used by the generator (see Data/elements.tsv for sources).</summary>
/// <param name="Share">Fraction of Materials Project compounds containing the element.</param>
/// <param name="VolumeAngstrom3">Mean volume per atom in crystals (Å³), fitted to MP cell volumes.</param>
/// <param name="CovalentRadiusAngstrom">Covalent radius (Å), Cordero et al., Dalton Trans. 2008, 2832–2838.</param>
public sealed record ElementData(string Symbol, double Share, double AtomFraction, double VolumeAngstrom3, double CovalentRadiusAngstrom);

/// <summary>
/// The embedded element table: element frequencies and atomic volumes derived from ~153k Materials
/// Project structures (tools/synthesis/derive_element_table.py), covalent radii from Cordero et al. (2008),
/// and the distribution of the number of distinct elements per compound.
/// </summary>
public sealed class ElementTable
{
    public ImmutableArray<ElementData> Elements { get; }
    /// <summary>P(k distinct elements) for k = 1, 2, … (index k − 1).</summary>
    public ImmutableArray<double> ElementsPerCompound { get; }

    private readonly Dictionary<string, ElementData> _bySymbol;

    public ElementTable(IEnumerable<ElementData> elements, IEnumerable<double> elementsPerCompound)
    {
        Elements = [.. elements];
        ElementsPerCompound = [.. elementsPerCompound];
        _bySymbol = Elements.ToDictionary(e => e.Symbol, StringComparer.Ordinal);
    }

    public ElementData this[string symbol] => _bySymbol.TryGetValue(symbol, out var e) ? e : throw new KeyNotFoundException($"element '{symbol}' is not in the synthesis element table");

    public bool TryGet(string symbol, out ElementData data) => _bySymbol.TryGetValue(symbol, out data!);

    private static readonly Lazy<ElementTable> EmbeddedTable = new(LoadEmbedded);

    /// <summary>The table shipped with the library.</summary>
    public static ElementTable Default => EmbeddedTable.Value;

    private static ElementTable LoadEmbedded()
    {
        using var stream = typeof(ElementTable).Assembly.GetManifestResourceStream("Bravais.Synthesis.Data.elements.tsv")
            ?? throw new InvalidOperationException("embedded resource Data/elements.tsv is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }

    /// <summary>Reads the TSV format of Data/elements.tsv.</summary>
    public static ElementTable Parse(TextReader reader)
    {
        var elements = new List<ElementData>();
        var perCompound = new SortedDictionary<int, double>();
        string? line;
        var lineNumber = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            var f = line.Split('\t');
            if (line.StartsWith("# elements_per_compound", StringComparison.Ordinal))
            {
                perCompound[int.Parse(f[1], CultureInfo.InvariantCulture)] = double.Parse(f[2], CultureInfo.InvariantCulture);
                continue;
            }
            if (line.StartsWith('#') || line.StartsWith("symbol", StringComparison.Ordinal) || line.Length == 0) continue;
            if (f.Length < 5) throw new FormatException($"elements.tsv line {lineNumber}: expected 5 columns, found {f.Length}");
            elements.Add(new ElementData(f[0],
                double.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture)));
        }
        var max = perCompound.Count == 0 ? 1 : perCompound.Keys.Max();
        var dist = new double[max];
        foreach (var (k, p) in perCompound) dist[k - 1] = p;
        return new ElementTable(elements, dist);
    }
}
