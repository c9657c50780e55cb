namespace Bravais.Synthesis.Chemistry;

/// <summary>
/// Draws the chemistry of a synthetic compound: the number of distinct elements from the Materials
/// Project distribution, then the elements themselves without replacement, weighted by how often each
/// occurs in MP compounds (so O, Li, Mg, P, S … dominate as in real inorganic databases).
/// </summary>
public sealed class CompositionSampler
{
    private readonly ElementTable _table;
    private readonly double[] _cumulativeCount;

    public CompositionSampler(ElementTable table)
    {
        _table = table;
        _cumulativeCount = new double[table.ElementsPerCompound.Length];
        var sum = 0.0;
        for (var i = 0; i < _cumulativeCount.Length; i++) { sum += table.ElementsPerCompound[i]; _cumulativeCount[i] = sum; }
        if (sum <= 0) throw new ArgumentException("element table has no elements-per-compound distribution", nameof(table));
        for (var i = 0; i < _cumulativeCount.Length; i++) _cumulativeCount[i] /= sum;
    }

    public ElementTable Table => _table;

    /// <summary>Number of distinct elements, at most <paramref name="maximum"/>.</summary>
    public int SampleElementCount(Random random, int maximum)
    {
        var u = random.NextDouble();
        var k = 1;
        while (k < _cumulativeCount.Length && u > _cumulativeCount[k - 1]) k++;
        return Math.Clamp(k, 1, Math.Max(1, maximum));
    }

    /// <summary><paramref name="count"/> distinct elements, weighted by their share of MP compounds.</summary>
    public ElementData[] SampleElements(Random random, int count)
    {
        var elements = _table.Elements;
        count = Math.Min(count, elements.Length);
        var chosen = new ElementData[count];
        Span<bool> used = elements.Length <= 256 ? stackalloc bool[elements.Length] : new bool[elements.Length];
        for (var c = 0; c < count; c++)
        {
            var total = 0.0;
            for (var i = 0; i < elements.Length; i++) if (!used[i]) total += elements[i].Share;
            var u = random.NextDouble() * total;
            var pick = -1;
            for (var i = 0; i < elements.Length; i++)
            {
                if (used[i]) continue;
                pick = i;
                u -= elements[i].Share;
                if (u <= 0) break;
            }
            used[pick] = true;
            chosen[c] = elements[pick];
        }
        return chosen;
    }
}
