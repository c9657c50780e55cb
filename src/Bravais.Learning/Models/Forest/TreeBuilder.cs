using Bravais.Learning.Models.Common;

namespace Bravais.Learning.Models.Forest;

/// <summary>
/// Grows one CART classification tree (Gini impurity) on binned features. One builder per thread:
/// it owns its scratch arrays, so growing a tree allocates only the tree. The split search for a node
/// builds, per candidate feature, a class histogram over the bins its rows occupy and scans only the
/// occupied bins, so small nodes cost O(rows·classes) rather than O(bins·classes).
/// </summary>
internal sealed class TreeBuilder
{
    private readonly BinnedFeatures _x;
    private readonly int[] _y;
    private readonly int _k;
    private readonly ForestHyperParameters _hp;
    private readonly int _featuresPerSplit;

    private readonly int[] _rows;          // row indices of the current tree (bootstrap draws, with repeats)
    private readonly int[] _partition;     // scratch for stable partitioning
    private readonly int[] _features;      // feature permutation
    private readonly int[] _histogram;     // 256 × k class counts
    private readonly int[] _binCount;      // 256 row counts
    private readonly int[] _touched;       // occupied bins of the current feature
    private readonly int[] _nodeCounts;    // class counts of the current node
    private readonly long[] _left, _right; // class counts either side while scanning

    public TreeBuilder(BinnedFeatures x, int[] y, int classes, ForestHyperParameters hp)
    {
        _x = x; _y = y; _k = classes; _hp = hp;
        _featuresPerSplit = hp.FeaturesPerSplit(x.Columns);
        _rows = new int[x.Rows];
        _partition = new int[x.Rows];
        _features = new int[x.Columns];
        _histogram = new int[256 * classes];
        _binCount = new int[256];
        _touched = new int[256];
        _nodeCounts = new int[classes];
        _left = new long[classes];
        _right = new long[classes];
    }

    /// <summary>Grows tree <paramref name="treeIndex"/>; its randomness comes only from (seed, tree index).</summary>
    public TreeNodes Grow(long seed, int treeIndex)
    {
        var rng = new SplitMix64(SplitMix64.Derive(seed, treeIndex));
        var n = _x.Rows;
        if (_hp.Bootstrap)
            for (var i = 0; i < n; i++) _rows[i] = rng.NextInt(n);
        else
            for (var i = 0; i < n; i++) _rows[i] = i;
        // Sorting the draws keeps memory access in row order; the multiset (all that matters) is unchanged.
        Array.Sort(_rows);
        for (var f = 0; f < _features.Length; f++) _features[f] = f;

        var feature = new List<int>();
        var threshold = new List<float>();
        var left = new List<int>();
        var right = new List<int>();
        var leafValues = new List<float>();
        int AddNode()
        {
            feature.Add(-1); threshold.Add(0f); left.Add(-1); right.Add(-1);
            return feature.Count - 1;
        }

        var stack = new Stack<(int Node, int Start, int End, int Depth)>();
        stack.Push((AddNode(), 0, n, 0));
        while (stack.Count > 0)
        {
            var (node, start, end, depth) = stack.Pop();
            var total = end - start;
            Array.Clear(_nodeCounts);
            for (var p = start; p < end; p++) _nodeCounts[_y[_rows[p]]]++;
            var occupied = 0;
            for (var c = 0; c < _k; c++) if (_nodeCounts[c] > 0) occupied++;
            var pure = occupied <= 1;
            var split = pure || total < 2 * _hp.MinSamplesLeaf || (_hp.MaxDepth is { } maxDepth && depth >= maxDepth)
                ? (Feature: -1, Bin: -1)
                : FindSplit(start, end, ref rng);
            if (split.Feature < 0)
            {
                left[node] = leafValues.Count;
                for (var c = 0; c < _k; c++) leafValues.Add(_nodeCounts[c] / (float)total);
                continue;
            }
            var middle = Partition(start, end, split.Feature, split.Bin);
            var l = AddNode();
            var r = AddNode();
            feature[node] = split.Feature;
            threshold[node] = _x.Edges[split.Feature][split.Bin];
            left[node] = l;
            right[node] = r;
            stack.Push((r, middle, end, depth + 1));
            stack.Push((l, start, middle, depth + 1));
        }
        return new TreeNodes
        {
            Feature = feature.ToArray(), Threshold = threshold.ToArray(), Left = left.ToArray(), Right = right.ToArray(),
            LeafValues = leafValues.ToArray(), Roots = [0],
        };
    }

    /// <summary>
    /// The best Gini split of rows [start, end): maximises Σ_c L_c²/n_L + Σ_c R_c²/n_R (equivalently minimises
    /// n_L·Gini_L + n_R·Gini_R). Tries <see cref="ForestHyperParameters.FeaturesPerSplit"/> random features,
    /// and more only while none of them has a valid split. Returns feature −1 if no valid split exists.
    /// </summary>
    private (int Feature, int Bin) FindSplit(int start, int end, ref SplitMix64 rng)
    {
        var d = _features.Length;
        var best = (Feature: -1, Bin: -1);
        var bestScore = double.NegativeInfinity;
        for (var j = 0; j < d; j++)
        {
            if (j >= _featuresPerSplit && best.Feature >= 0) break;
            var swap = j + rng.NextInt(d - j);
            (_features[j], _features[swap]) = (_features[swap], _features[j]);
            var f = _features[j];
            var (score, bin) = ScanFeature(f, start, end);
            if (bin >= 0 && score > bestScore) { bestScore = score; best = (f, bin); }
        }
        return best;
    }

    private (double Score, int Bin) ScanFeature(int f, int start, int end)
    {
        var k = _k;
        var column = _x.Bins.AsSpan(f * _x.Rows, _x.Rows);
        var touchedCount = 0;
        for (var p = start; p < end; p++)
        {
            var i = _rows[p];
            int b = column[i];
            if (_binCount[b]++ == 0) _touched[touchedCount++] = b;
            _histogram[b * k + _y[i]]++;
        }

        var bestScore = double.NegativeInfinity;
        var bestBin = -1;
        if (touchedCount >= 2)
        {
            var touched = _touched.AsSpan(0, touchedCount);
            touched.Sort();
            long sumSqLeft = 0, sumSqRight = 0;
            for (var c = 0; c < k; c++) { _left[c] = 0; _right[c] = _nodeCounts[c]; sumSqRight += (long)_nodeCounts[c] * _nodeCounts[c]; }
            long nLeft = 0, nRight = end - start;
            var minLeaf = _hp.MinSamplesLeaf;
            for (var t = 0; t < touchedCount - 1; t++)
            {
                var b = touched[t];
                var h = _histogram.AsSpan(b * k, k);
                for (var c = 0; c < k; c++)
                {
                    long count = h[c];
                    if (count == 0) continue;
                    sumSqLeft += (2 * _left[c] + count) * count;
                    sumSqRight += (count - 2 * _right[c]) * count;
                    _left[c] += count;
                    _right[c] -= count;
                }
                nLeft += _binCount[b];
                nRight -= _binCount[b];
                if (nLeft < minLeaf) continue;
                if (nRight < minLeaf) break;
                var score = sumSqLeft / (double)nLeft + sumSqRight / (double)nRight;
                if (score > bestScore) { bestScore = score; bestBin = b; }
            }
        }
        for (var t = 0; t < touchedCount; t++)
        {
            var b = _touched[t];
            _binCount[b] = 0;
            _histogram.AsSpan(b * k, k).Clear();
        }
        return (bestScore, bestBin);
    }

    /// <summary>Stable partition of rows [start, end): bin ≤ <paramref name="bin"/> first. Returns the first right-hand position.</summary>
    private int Partition(int start, int end, int f, int bin)
    {
        var column = _x.Bins.AsSpan(f * _x.Rows, _x.Rows);
        var write = start;
        var spill = 0;
        for (var p = start; p < end; p++)
        {
            var i = _rows[p];
            if (column[i] <= bin) _rows[write++] = i; else _partition[spill++] = i;
        }
        _partition.AsSpan(0, spill).CopyTo(_rows.AsSpan(write));
        return write;
    }
}
