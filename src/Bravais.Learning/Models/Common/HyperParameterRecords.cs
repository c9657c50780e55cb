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

    /// <summary>How hyper-parameters are read and written in model manifests and grid files: enums by name, NaN/∞ allowed.</summary>
    public static readonly JsonSerializerOptions ManifestJson = new()
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>
    /// A family's hyper-parameter record from its JSON form (as in a manifest or grid file); a record is returned as is.
    /// Malformed or null JSON throws <see cref="JsonException"/>.
    /// </summary>
    public static object Typed(IClassifierFamily family, object hyperParameters) => hyperParameters switch
    {
        JsonElement element => element.Deserialize(family.HyperParameterType, ManifestJson)
            ?? throw new JsonException($"{family.Name}: hyper-parameters JSON is null"),
        null => throw new ArgumentNullException(nameof(hyperParameters), $"{family.Name}: hyper-parameters are required"),
        _ => hyperParameters,
    };

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
