using System.Net;
using System.Text.Json.Nodes;
using Bravais.Analysis.Prediction;
using Xunit;

namespace Bravais.Web.Tests;

/// <summary>A request that outlives --timeout-seconds: 504 with a message naming the file and the option, and the server answers the next request.</summary>
[Collection(ServerCollection.Name)]
public sealed class TimeoutTests(ServerFixture server)
{
    /// <summary>The fixture's model, made to take <paramref name="delay"/> per pattern (as a large model on a slow machine would).</summary>
    private sealed class Slow(IPatternPredictor inner, TimeSpan delay) : IPatternPredictor
    {
        public ModelSummary Summary => inner.Summary;

        public PatternPrediction Predict(PatternInput input, PredictOptions? options = null, CancellationToken cancellation = default)
        {
            Thread.Sleep(delay);
            return inner.Predict(input, options, cancellation);
        }
    }

    [Fact]
    public async Task ASlowPredictionIsA504AndTheServerKeepsServing()
    {
        await using var app = BravaisServer.Build(new Slow(server.Predictor, TimeSpan.FromSeconds(2)), new ServerOptions(Port: 0, TimeoutSeconds: 0.3));
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = BravaisServer.AddressOf(app) };
        var bytes = await File.ReadAllBytesAsync(ServerFixture.Examples("patterns", "indium.xy"));
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "indium.xy" } };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var response = await client.PostAsync("api/predict", form);
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), $"answered after {clock.Elapsed}");
        Assert.Equal("bravais: indium.xy: the request took longer than the server's limit of 0.3 s (--timeout-seconds)",
            (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/health")).StatusCode);
        await app.StopAsync();
    }
}
