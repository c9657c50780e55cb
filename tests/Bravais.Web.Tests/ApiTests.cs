using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bravais.Analysis.Prediction;
using Bravais.Crystallography;
using Bravais.Diffraction.Measured;
using Bravais.Diffraction.Physics;
using Xunit;

namespace Bravais.Web.Tests;

[Collection(ServerCollection.Name)]
public sealed class ApiTests(ServerFixture server)
{
    private static MultipartFormDataContent Form(string name, byte[] bytes, params (string Field, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        foreach (var (field, value) in fields) form.Add(new StringContent(value), field);
        return form;
    }

    /// <summary>What <c>bravais predict --format json FILE</c> prints for a file given as <paramref name="name"/>: the same reader, predictor and <see cref="PredictionJson"/> the command uses.</summary>
    private string PredictJson(string name, byte[] bytes, MeasuredReadOptions? read = null)
    {
        var pattern = MeasuredPatternReader.Read(new MemoryStream(bytes), name, read);
        var prediction = server.Predictor.Predict(new PatternInput.Measurement(pattern), new PredictOptions(3));
        return PredictionJson.Serialize([prediction], new PredictionJsonOptions(3, null, "file")) + "\n";
    }

    [Fact]
    public async Task HealthNamesTheModelAndTheLimits()
    {
        var health = JsonNode.Parse(await server.Client.GetStringAsync("api/health"))!;
        Assert.Equal("ok", (string?)health["status"]);
        Assert.Equal(server.Predictor.Summary.Kind, (string?)health["model"]!["kind"]);
        Assert.True((bool)health["model"]!["references"]!);
        Assert.Equal(20L * 1024 * 1024, (long)health["limits"]!["maxUploadBytes"]!);
    }

    [Fact]
    public async Task PredictOfAnXyFileIsByteIdenticalToPredictFormatJson()
    {
        var bytes = await File.ReadAllBytesAsync(ServerFixture.Examples("patterns", "silicon.xy"));
        using var response = await server.Client.PostAsync("api/predict", Form("silicon.xy", bytes));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(PredictJson("silicon.xy", bytes), body);
        var answer = JsonNode.Parse(body)!.AsArray().Single()!;
        // silicon is one of the 14 references: the matcher must find it, at its own cell (d-scale ≈ 1)
        Assert.Equal("cF", (string?)answer["prediction"]);
        Assert.Equal("silicon", (string?)answer["closestReference"]);
        Assert.InRange((double)answer["dScale"]!, 0.98, 1.02);
    }

    [Fact]
    public async Task WavelengthFieldActsAsPredictWavelength()
    {
        var bytes = await File.ReadAllBytesAsync(ServerFixture.Examples("patterns", "rutile.xy"));
        using var response = await server.Client.PostAsync("api/predict", Form("rutile.xy", bytes, ("wavelength", "1.6")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PredictJson("rutile.xy", bytes, new MeasuredReadOptions(Radiation.Parse("1.6"))), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PredictOfAnXrdmlFileMatchesTheSamePatternAsXy()
    {
        var xy = MeasuredPatternReader.Read(ServerFixture.Examples("patterns", "silicon.xy"));
        var bytes = Encoding.UTF8.GetBytes(Fixtures.Xrdml(xy.X, xy.Intensity));
        using var response = await server.Client.PostAsync("api/predict", Form("silicon.xrdml", bytes));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(PredictJson("silicon.xrdml", bytes), body);
        var answer = JsonNode.Parse(body)!.AsArray().Single()!;
        Assert.Equal("silicon.xrdml", (string?)answer["file"]);
        Assert.Equal("silicon", (string?)answer["closestReference"]);
        // the XRDML states the same Cu Kα1/Kα2 as the .xy's header: the match is the same crystal at the same cell
        var fromXy = JsonNode.Parse(PredictJson("silicon.xy", File.ReadAllBytes(ServerFixture.Examples("patterns", "silicon.xy"))))!.AsArray().Single()!;
        Assert.Equal((double)fromXy["dScale"]!, (double)answer["dScale"]!, 3);
    }

    [Fact]
    public async Task AGarbageFileIsA400WithTheCliMessage()
    {
        var bytes = new byte[400];
        new Random(3).NextBytes(bytes);
        using var response = await server.Client.PostAsync("api/predict", Form("garbage.xy", bytes));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"];
        // the CLI prints "bravais: " + the reader's one-line message naming the file
        var expected = Assert.ThrowsAny<BravaisException>(() => MeasuredPatternReader.Read(new MemoryStream(bytes), "garbage.xy"));
        Assert.Equal("bravais: " + expected.Message, error);
        Assert.StartsWith("bravais: garbage.xy", error);
        Assert.DoesNotContain('\n', error!);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("api/health")).StatusCode);
    }

    [Theory]
    [InlineData(false)] // the client sends the whole body first: the server reads and drops it, then answers
    [InlineData(true)]  // "Expect: 100-continue": the server answers before any of the body is sent
    public async Task A50MegabyteUploadIsA413AndTheServerKeepsServing(bool expectContinue)
    {
        var bytes = new byte[50 * 1000 * 1000];
        Array.Fill(bytes, (byte)'1');
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/predict") { Content = Form("big.xy", bytes) };
        request.Headers.ExpectContinue = expectContinue;
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"];
        Assert.Equal("bravais: the upload (47.7 MiB) is larger than the server's limit of 20 MiB (--max-upload-mb)", error);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("api/health")).StatusCode);
    }

    [Fact]
    public async Task AChunkedUploadOverTheLimitIsA413Too()
    {
        // no Content-Length: the limit is found while reading the body
        var content = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("10.0 100\n", 2_600_000)))));
        var form = new MultipartFormDataContent { { content, "file", "big.xy" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/predict") { Content = form };
        request.Headers.TransferEncodingChunked = true;
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("api/health")).StatusCode);
    }

    [Fact]
    public async Task NoFileAndAWrongContentTypeAreClearErrors()
    {
        using var empty = await server.Client.PostAsync("api/predict", new MultipartFormDataContent { { new StringContent("CuKa"), "wavelength" } });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("no pattern file", await empty.Content.ReadAsStringAsync());
        using var text = await server.Client.PostAsync("api/predict", new StringContent("5 100\n6 200\n"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
    }

    [Fact]
    public async Task UploadsLeaveNothingInTheTemporaryFolder()
    {
        string[] Folders() => Directory.GetDirectories(Path.GetTempPath(), "bravais-serve-*");
        var before = Folders();
        var bytes = await File.ReadAllBytesAsync(ServerFixture.Examples("patterns", "zincite.xy"));
        using (var response = await server.Client.PostAsync("api/predict", Form("zincite.xy", bytes))) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var response = await server.Client.PostAsync("api/predict", Form("bad.xy", [1, 2, 3]))) Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(Folders().Except(before));
    }

    [Fact]
    public async Task ThePageAndItsScriptsAreServedFromTheAssembly()
    {
        var page = await server.Client.GetStringAsync("/");
        Assert.Contains("id=\"results\"", page);
        foreach (var script in new[] { "app.js", "plot.js", "view.js", "style.css" })
        {
            using var response = await server.Client.GetAsync(script);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("nothing.js")).StatusCode);
        // nothing the page loads comes from another origin
        Assert.DoesNotContain("http", page.Replace("http-equiv", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }
}

internal static class Fixtures
{
    /// <summary>
    /// A minimal XRDML 1.5 file (the shape PANalytical Data Collector writes: Cu Kα1/Kα2 with ratio 0.5, a 2θ scan
    /// with start and end positions and integer counts) holding the given points, which must be equally spaced.
    /// </summary>
    public static string Xrdml(IReadOnlyList<double> twoTheta, IReadOnlyList<double> counts)
    {
        string F(double v) => v.ToString("0.#####", CultureInfo.InvariantCulture);
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <xrdMeasurements xmlns="http://www.xrdml.com/XRDMeasurement/1.5" status="Completed">
              <sample type="To be analyzed"><id>silicon</id></sample>
              <xrdMeasurement measurementType="Scan" status="Completed" sampleMode="Reflection">
                <usedWavelength intended="K-Alpha">
                  <kAlpha1 unit="Angstrom">1.5405600</kAlpha1>
                  <kAlpha2 unit="Angstrom">1.5443900</kAlpha2>
                  <kBeta unit="Angstrom">1.3922500</kBeta>
                  <ratioKAlpha2KAlpha1 unit="none">0.5000</ratioKAlpha2KAlpha1>
                </usedWavelength>
                <scan appendNumber="0" mode="Continuous" scanAxis="Gonio" status="Completed">
                  <dataPoints>
                    <positions axis="2Theta" unit="deg"><startPosition>{F(twoTheta[0])}</startPosition><endPosition>{F(twoTheta[^1])}</endPosition></positions>
                    <commonCountingTime unit="seconds">1.0</commonCountingTime>
                    <intensities unit="counts">{string.Join(' ', counts.Select(c => F(Math.Round(c))))}</intensities>
                  </dataPoints>
                </scan>
              </xrdMeasurement>
            </xrdMeasurements>
            """;
    }
}
