using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Bravais.Analysis.Prediction;
using Bravais.Crystallography;
using Bravais.Diffraction.Measured;
using Bravais.Diffraction.Physics;
using Microsoft.AspNetCore.Http;

namespace Bravais.Web.Api;

/// <summary>
/// <c>POST /api/predict</c>: multipart/form-data with one or more <c>file</c> parts and optional text fields
/// <c>wavelength</c> (overrides what the files state, as <c>predict --wavelength</c>) and <c>fallbackWavelength</c> (used
/// only for files that state none); query <c>top</c> (classes per level, default 3) and <c>plot=1</c> (adds what the
/// page draws). Answers a JSON array with, per file in order, the object <c>bravais predict --format json</c> prints
/// for it (plus <c>plot</c>), or <c>{file, error}</c> for a file that could not be used; 400 with <c>{error}</c> (the
/// CLI's one-line message) when no file could be used; 413 over the upload limit; 504 past the time limit.
/// The model is shared by every request (predictors are thread-safe); at most one prediction per core runs at once.
/// </summary>
internal sealed class PredictEndpoint(IPatternPredictor predictor, ServerOptions options, TextWriter? log)
{
    /// <summary>The member naming the file, as <c>predict</c> writes it for pattern files.</summary>
    private const string IdColumn = "file";

    private readonly SemaphoreSlim _gate = new(Environment.ProcessorCount);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        limit.CancelAfter(options.Timeout);
        var current = "the request";
        try
        {
            if (request.ContentLength is { } length && length > options.MaxRequestBodyBytes)
            {
                await DrainAsync(context, length, limit.Token);
                throw TooLarge(length);
            }
            var top = Top(request.Query["top"]);
            var plot = request.Query["plot"].ToString() is "1" or "true";
            using var form = await UploadForm.ReadAsync(request, limit.Token);
            if (form.Files.Count == 0) throw new ApiError(StatusCodes.Status400BadRequest, $"no pattern file in the request: send it as multipart/form-data field '{UploadForm.FileField}'");
            var read = new MeasuredReadOptions(Wavelength(form.Field("wavelength")));
            var fallback = Wavelength(form.Field("fallbackWavelength"));
            var answers = new JsonArray();
            var failures = new List<(string Message, bool Internal)>();
            foreach (var upload in form.Files)
            {
                current = upload.Name;
                var clock = Stopwatch.StartNew();
                try
                {
                    var o = await PredictAsync(upload, read, fallback, top, plot, limit.Token);
                    answers.Add(o);
                    log?.WriteLine(FormattableString.Invariant($"bravais: {upload.Name}: {o["prediction"]} ({(double?)o["probability"]:0.###}), {clock.ElapsedMilliseconds} ms"));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    var message = e is BravaisException ? $"bravais: {e.Message}" : $"bravais: {upload.Name}: {e.GetType().Name}: {e.Message}";
                    failures.Add((message, e is not BravaisException));
                    answers.Add(new JsonObject { [IdColumn] = upload.Name, ["error"] = message });
                    log?.WriteLine(message);
                }
            }
            if (failures.Count == form.Files.Count)
            {
                var body = new JsonObject { ["error"] = failures[0].Message };
                if (failures.Count > 1) body["errors"] = answers;
                await Json(context, failures.Any(f => f.Internal) ? StatusCodes.Status500InternalServerError : StatusCodes.Status400BadRequest, body);
                return;
            }
            await Json(context, StatusCodes.Status200OK, answers);
        }
        catch (ApiError e) { await Error(context, e.Status, "bravais: " + e.Message); }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await Error(context, e.StatusCode, "bravais: " + TooLarge(null).Message);
        }
        catch (BadHttpRequestException e) { await Error(context, e.StatusCode, $"bravais: the request could not be read: {e.Message}"); }
        catch (IOException e) when (e.InnerException is BadHttpRequestException b)
        {
            await Error(context, b.StatusCode, b.StatusCode == StatusCodes.Status413PayloadTooLarge ? "bravais: " + TooLarge(null).Message : $"bravais: the request could not be read: {b.Message}");
        }
        catch (BravaisException e) { await Error(context, StatusCodes.Status400BadRequest, "bravais: " + e.Message); }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            var message = FormattableString.Invariant($"bravais: {current}: the request took longer than the server's limit of {options.TimeoutSeconds:0.###} s (--timeout-seconds)");
            log?.WriteLine(message);
            await Error(context, StatusCodes.Status504GatewayTimeout, message);
        }
        catch (OperationCanceledException) { } // the client went away
    }

    /// <summary>Reads and classifies one upload on the thread pool; a prediction past the time limit is left to finish on its own (its result dropped), still holding its core.</summary>
    private async Task<JsonObject> PredictAsync(Upload upload, MeasuredReadOptions read, Radiation? fallback, int top, bool plot, CancellationToken cancellation)
    {
        await _gate.WaitAsync(cancellation);
        var work = Task.Run(() =>
        {
            MeasuredPattern pattern;
            using (var stream = File.OpenRead(upload.Path)) pattern = MeasuredPatternReader.Read(stream, upload.Name, read);
            if (fallback is not null && pattern.Radiation is null) pattern = pattern with { Radiation = fallback };
            var prediction = predictor.Predict(new PatternInput.Measurement(pattern), new PredictOptions(top), cancellation);
            var o = PredictionJson.Object(prediction, new PredictionJsonOptions(top, null, IdColumn));
            if (plot) o["plot"] = PlotData.Build(pattern, prediction, predictor);
            return o;
        }, CancellationToken.None);
        _ = work.ContinueWith(t => { _ = t.Exception; _gate.Release(); }, TaskScheduler.Default);
        return await work.WaitAsync(cancellation);
    }

    /// <summary>
    /// Reads and drops the body of a request that is over the limit but within <see cref="ServerOptions.DrainFactor"/>
    /// times it, so that a client that sends the whole body before reading the answer (most HTTP libraries, unless they
    /// ask "Expect: 100-continue") gets the 413 instead of a reset connection. A client that asked to continue has not
    /// sent the body and gets the answer at once; a larger body is not read at all (the connection is closed).
    /// </summary>
    private async Task DrainAsync(HttpContext context, long length, CancellationToken cancellation)
    {
        if (length > options.MaxRequestBodyBytes * ServerOptions.DrainFactor) return;
        if (context.Request.Headers.Expect.ToString().Contains("100-continue", StringComparison.OrdinalIgnoreCase)) return;
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = length;
        try { await context.Request.Body.CopyToAsync(Stream.Null, cancellation); }
        catch (Exception e) when (e is IOException or BadHttpRequestException or OperationCanceledException) { } // the answer is 413 all the same
    }

    private static int Top(string? text)
    {
        if (string.IsNullOrEmpty(text)) return 3;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) && k is >= 1 and <= 230 ? k
            : throw new ApiError(StatusCodes.Status400BadRequest, $"top '{text}' must be a whole number from 1 to 230");
    }

    private static Radiation? Wavelength(string? text) => text is null ? null : Radiation.Parse(text);

    private ApiError TooLarge(long? bytes) => new(StatusCodes.Status413PayloadTooLarge,
        (bytes is { } b ? FormattableString.Invariant($"the upload ({b / 1048576.0:0.#} MiB) is") : "the upload is")
        + $" larger than the server's limit of {options.MaxUploadMegabytes} MiB (--max-upload-mb)");

    internal static Task Error(HttpContext context, int status, string message) => Json(context, status, new JsonObject { ["error"] = message });

    internal static async Task Json(HttpContext context, int status, JsonNode body)
    {
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(body.ToJsonString(PredictionJson.WriterOptions) + "\n", CancellationToken.None);
    }
}
