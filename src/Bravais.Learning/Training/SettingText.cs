using System.Text.Json;
using Bravais.Learning.Persistence;

namespace Bravais.Learning.Training;

/// <summary>Readable forms of hyper-parameter settings: the key/value pairs, and only those that vary within a grid.</summary>
public static class SettingText
{
    /// <summary>The setting's properties as (name, compact JSON value) in declaration order.</summary>
    public static IReadOnlyList<(string Key, string Value)> Parts(object hyperParameters)
    {
        var element = ClassifierFile.ToJson(hyperParameters);
        if (element.ValueKind != JsonValueKind.Object) return [("value", element.ToString())];
        return element.EnumerateObject().Select(p => (p.Name, Compact(p.Value))).ToList();
    }

    /// <summary>"K=5 Metric=Cosine": the properties whose values differ among <paramref name="grid"/> (all of them when the grid has one setting), minus <paramref name="exclude"/>.</summary>
    public static string Short(object hyperParameters, IEnumerable<object> grid, string? exclude = null)
    {
        if (hyperParameters is Models.Ensemble.EnsembleHyperParameters ensemble) return Ensemble(ensemble);
        var varying = Varying(grid);
        var parts = Parts(hyperParameters).Where(p => p.Key != exclude && (varying.Count == 0 || varying.Contains(p.Key))).ToList();
        return parts.Count == 0 ? (exclude is null ? "default" : "") : string.Join(" ", parts.Select(p => $"{p.Key}={p.Value}"));
    }

    /// <summary>"11×forest(MaxDepth=none) + 6×forest(MaxDepth=20) + 4×lightgbm": weights, families, and what tells a family's members apart.</summary>
    public static string Ensemble(Models.Ensemble.EnsembleHyperParameters ensemble) => string.Join(" + ", ensemble.Members.Select(m =>
    {
        var same = ensemble.Members.Where(o => o.Family == m.Family).Select(o => (object)o.HyperParameters).ToList();
        var weight = m.Weight.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        if (same.Count < 2) return $"{weight}×{m.Family}";
        var varying = Varying(same);
        return $"{weight}×{m.Family}({string.Join(" ", Parts(m.HyperParameters).Where(p => varying.Contains(p.Key)).Select(p => $"{p.Key}={p.Value}"))})";
    }));

    /// <summary>Names of the properties that take more than one value across the settings.</summary>
    public static HashSet<string> Varying(IEnumerable<object> grid)
    {
        var values = new Dictionary<string, HashSet<string>>();
        foreach (var hp in grid)
            foreach (var (key, value) in Parts(hp))
            {
                if (!values.TryGetValue(key, out var set)) values[key] = set = [];
                set.Add(value);
            }
        return values.Where(kv => kv.Value.Count > 1).Select(kv => kv.Key).ToHashSet();
    }

    private static string Compact(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null => "none",
        _ => JsonSerializer.Serialize(value),
    };
}
