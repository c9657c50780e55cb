namespace Bravais.Learning.Models.Forest;

/// <summary>
/// One or more trees in flat arrays. Node n splits on Feature[n] (x ≤ Threshold[n] goes to Left[n],
/// else Right[n]); a leaf has Feature[n] = −1 and Left[n] = the offset of its class distribution in
/// LeafValues. Roots[t] is tree t's root node.
/// </summary>
internal sealed class TreeNodes
{
    public required int[] Feature { get; init; }
    public required float[] Threshold { get; init; }
    public required int[] Left { get; init; }
    public required int[] Right { get; init; }
    public required float[] LeafValues { get; init; }
    public required int[] Roots { get; init; }

    public int NodeCount => Feature.Length;

    /// <summary>
    /// Concatenates single-tree node sets, in order, re-basing node and leaf offsets. Pure leaves (one class
    /// with fraction 1 — most leaves of fully grown trees) share one of K one-hot vectors stored first, so
    /// LeafValues holds only the mixed leaves.
    /// </summary>
    public static TreeNodes Concatenate(IReadOnlyList<TreeNodes> trees, int classes)
    {
        var nodes = trees.Sum(t => t.NodeCount);
        var feature = new int[nodes];
        var threshold = new float[nodes];
        var left = new int[nodes];
        var right = new int[nodes];
        var values = new List<float>(classes * classes);
        for (var c = 0; c < classes; c++)
            for (var j = 0; j < classes; j++) values.Add(c == j ? 1f : 0f);
        var roots = new int[trees.Sum(t => t.Roots.Length)];
        int nodeBase = 0, rootBase = 0;
        foreach (var t in trees)
        {
            for (var i = 0; i < t.NodeCount; i++)
            {
                feature[nodeBase + i] = t.Feature[i];
                threshold[nodeBase + i] = t.Threshold[i];
                if (t.Feature[i] >= 0)
                {
                    left[nodeBase + i] = t.Left[i] + nodeBase;
                    right[nodeBase + i] = t.Right[i] + nodeBase;
                    continue;
                }
                var leaf = t.LeafValues.AsSpan(t.Left[i], classes);
                var pure = leaf.IndexOf(1f);
                if (pure >= 0)
                {
                    left[nodeBase + i] = pure * classes;
                }
                else
                {
                    left[nodeBase + i] = values.Count;
                    foreach (var v in leaf) values.Add(v);
                }
                right[nodeBase + i] = -1;
            }
            for (var r = 0; r < t.Roots.Length; r++) roots[rootBase + r] = t.Roots[r] + nodeBase;
            nodeBase += t.NodeCount; rootBase += t.Roots.Length;
        }
        return new TreeNodes { Feature = feature, Threshold = threshold, Left = left, Right = right, LeafValues = values.ToArray(), Roots = roots };
    }

    /// <summary>Adds the mean over trees of the leaf distributions reached by <paramref name="row"/> into <paramref name="sum"/> (length = classes).</summary>
    public void AccumulateLeaves(ReadOnlySpan<float> row, Span<float> sum)
    {
        var k = sum.Length;
        foreach (var root in Roots)
        {
            var node = root;
            int f;
            while ((f = Feature[node]) >= 0) node = row[f] <= Threshold[node] ? Left[node] : Right[node];
            System.Numerics.Tensors.TensorPrimitives.Add(sum, LeafValues.AsSpan(Left[node], k), sum);
        }
    }

    /// <summary>Checks that every index points inside the arrays and that the trees are acyclic (children after parents).</summary>
    public void Validate(int features, int classes, string magic)
    {
        var n = NodeCount;
        if (Threshold.Length != n || Left.Length != n || Right.Length != n) throw new InvalidDataException($"{magic} model is corrupt: node arrays differ in length");
        foreach (var r in Roots) if ((uint)r >= (uint)n) throw new InvalidDataException($"{magic} model is corrupt: root {r} outside {n} nodes");
        for (var i = 0; i < n; i++)
        {
            if (Feature[i] < 0)
            {
                if (Left[i] < 0 || Left[i] > LeafValues.Length - classes) throw new InvalidDataException($"{magic} model is corrupt: leaf {i} points outside the leaf values");
            }
            else if (Feature[i] >= features || Left[i] <= i || Right[i] <= i || Left[i] >= n || Right[i] >= n)
            {
                throw new InvalidDataException($"{magic} model is corrupt: node {i} has feature {Feature[i]} and children {Left[i]}, {Right[i]}");
            }
        }
    }
}
