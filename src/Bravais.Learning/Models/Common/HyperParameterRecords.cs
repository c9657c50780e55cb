using System.Text.Json;

namespace Bravais.Learning.Models.Common;

/// <summary>
/// Turns the loosely typed hyper-parameter object a family receives into its record: either the record
/// itself or a <see cref="JsonElement"/> read from a grid file or model manifest.
/// </summary>
public static class HyperParameterRecords
{
    /// <summary>The JSON options every family uses for its hyper-parameter records.</summary>
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static T As<T>(object hyperParameters, string family) where T : class => hyperParameters switch
    {
        T typed => typed,
        JsonElement element => element.Deserialize<T>(Json)
            ?? throw new ArgumentException($"{family}: hyper-parameters JSON is null"),
        string json => JsonSerializer.Deserialize<T>(json, Json)
            ?? throw new ArgumentException($"{family}: hyper-parameters JSON is null"),
        null => throw new ArgumentNullException(nameof(hyperParameters), $"{family}: hyper-parameters are required"),
        _ => throw new ArgumentException($"{family}: expected hyper-parameters of type {typeof(T).Name}, got {hyperParameters.GetType().Name}"),
    };
}
