using System.Reflection;
using System.Text.Json.Nodes;
using Bravais.Analysis.Prediction;
using Microsoft.AspNetCore.Http;

namespace Bravais.Web.Api;

/// <summary><c>GET /api/health</c>: that the server is up, which model it serves, and its limits (the page reads them).</summary>
internal sealed class HealthEndpoint(IPatternPredictor predictor, ServerOptions options)
{
    private static readonly string Version = typeof(HealthEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    public JsonObject Body()
    {
        var summary = predictor.Summary;
        return new JsonObject
        {
            ["status"] = "ok",
            ["version"] = Version,
            ["model"] = new JsonObject
            {
                ["kind"] = summary.Kind,
                ["primary"] = summary.Primary switch
                {
                    PredictionLevel.BravaisLattice => "bravaisLattice",
                    PredictionLevel.CrystalSystem => "crystalSystem",
                    _ => "spaceGroup",
                },
                ["classes"] = summary.Classes.Count,
                ["instrument"] = summary.Instrument.ToString(),
                ["wavelengthAngstrom"] = summary.Instrument.WavelengthAngstrom,
                ["description"] = summary.Description,
                ["references"] = predictor is IReferencePatterns,
            },
            ["limits"] = new JsonObject
            {
                ["maxUploadBytes"] = options.MaxUploadBytes,
                ["timeoutSeconds"] = options.TimeoutSeconds,
            },
        };
    }

    public Task HandleAsync(HttpContext context) => PredictEndpoint.Json(context, StatusCodes.Status200OK, Body());
}
