using System.Text.Json;
using Bravais.Crystallography;
using Bravais.Learning.Models;
using Bravais.Learning.Models.Common;
using Bravais.Learning.Persistence;

namespace Bravais.Learning.Training;

/// <summary>
/// Reads a grid file: a JSON object from family name to a list of hyper-parameter records of that family, e.g.
/// <c>{"centroid": [{"Shrinkage": 0}, {"Shrinkage": 2}]}</c>. Families not named use their quick grid.
/// </summary>
public static class GridFile
{
    public static GridChoice Parse(string spec)
    {
        switch (spec.Trim().ToLowerInvariant())
        {
            case "quick": return GridChoice.Quick;
            case "full": return GridChoice.Full;
        }
        if (!File.Exists(spec)) throw new LearningException($"--grid must be quick, full or a JSON file; '{spec}' is none of these");
        using var doc = ParseJson(spec);
        if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new LearningException("a grid file must be a JSON object {\"family\": [settings…]}", new SourceLocation(spec));
        var settings = new Dictionary<string, IReadOnlyList<object>>();
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            var family = ClassifierFamilies.Get(property.Name);
            if (property.Value.ValueKind != JsonValueKind.Array) throw new LearningException($"'{property.Name}' must be a list of settings", new SourceLocation(spec, Field: property.Name));
            var list = new List<object>();
            foreach (var item in property.Value.EnumerateArray())
            {
                try { list.Add(HyperParameterRecords.Typed(family, item)); }
                catch (JsonException e) { throw new LearningException($"setting {list.Count + 1} of '{property.Name}' is not a {family.HyperParameterType.Name}: {e.Message}", new SourceLocation(spec, Field: property.Name), e); }
            }
            if (list.Count == 0) throw new LearningException($"'{property.Name}' has no settings", new SourceLocation(spec, Field: property.Name));
            settings[family.Name] = list;
        }
        return new GridChoice(GridSize.Quick, settings, Path.GetFileName(spec));
    }

    private static JsonDocument ParseJson(string path)
    {
        try { return JsonDocument.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw new LearningException($"not valid JSON: {e.Message}", new SourceLocation(path, Line: (int?)e.LineNumber + 1), e); }
    }
}
