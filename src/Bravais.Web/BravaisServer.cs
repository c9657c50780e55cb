using System.Net;
using Bravais.Analysis.Prediction;
using Bravais.Web.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bravais.Web;

/// <summary>
/// The local web server of <c>bravais serve</c> (ASP.NET Core on Kestrel): the page at <c>/</c> (embedded, works
/// offline), <c>GET /api/health</c> and <c>POST /api/predict</c>, all answered by one loaded model. Bound to
/// 127.0.0.1 unless told otherwise; on a loopback address it also refuses requests whose Host header names another
/// machine (a web page elsewhere cannot reach it through a rebound DNS name).
/// </summary>
public static class BravaisServer
{
    /// <summary>The server, configured and not yet started. <paramref name="log"/> receives one line per classified file and per error (null: silent).</summary>
    public static WebApplication Build(IPatternPredictor predictor, ServerOptions options, TextWriter? log = null)
    {
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(BravaisServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            var address = options.Address;
            if (address is null && options.Port != 0) kestrel.ListenLocalhost(options.Port);
            else kestrel.Listen(address ?? IPAddress.Loopback, options.Port);
        });
        var app = builder.Build();
        var assets = new EmbeddedAssets();
        var health = new HealthEndpoint(predictor, options);
        var predict = new PredictEndpoint(predictor, options, log);
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            // everything the page uses comes from this server: no other origin is allowed to load or be contacted
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
            if (options.IsLoopback && !IsLoopbackHost(context.Request.Host.Host))
            {
                await PredictEndpoint.Error(context, StatusCodes.Status400BadRequest, $"bravais: the Host '{context.Request.Host}' is not this machine; the server answers on the loopback address only (--host)");
                return;
            }
            await next(context);
        });
        app.MapGet("/api/health", (RequestDelegate)health.HandleAsync);
        app.MapPost("/api/predict", (RequestDelegate)predict.HandleAsync);
        app.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head], (RequestDelegate)assets.HandleAsync);
        return app;
    }

    /// <summary>The address a started server answers at (with the port it picked when asked for port 0).</summary>
    public static Uri AddressOf(WebApplication app)
    {
        var addresses = app.Services.GetService(typeof(IServer)) is IServer server ? server.Features.Get<IServerAddressesFeature>()?.Addresses : null;
        var first = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("the server is not started");
        return new Uri(first.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
    }

    internal static bool IsLoopbackHost(string host)
    {
        var bare = host.TrimStart('[').TrimEnd(']');
        return bare.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(bare, out var ip) && IPAddress.IsLoopback(ip));
    }
}
