using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Bravais.Web;

/// <summary>
/// The page's files, embedded in this assembly under <c>wwwroot/</c> and served from memory: nothing is read from disk
/// or fetched from a network, so the page works offline and from any working folder.
/// </summary>
internal sealed class EmbeddedAssets
{
    private const string Prefix = "wwwroot/";
    private readonly Dictionary<string, (byte[] Bytes, string Type, string ETag)> _files = new(StringComparer.Ordinal);

    public EmbeddedAssets()
    {
        var assembly = typeof(EmbeddedAssets).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            _files["/" + name[Prefix.Length..]] = (bytes, TypeOf(name), $"\"{Convert.ToHexString(SHA256.HashData(bytes))[..16]}\"");
        }
    }

    public IEnumerable<string> Paths => _files.Keys;

    private static string TypeOf(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        _ => "application/octet-stream",
    };

    /// <summary>Serves the file at the request's path (<c>/</c> is <c>/index.html</c>); 404 for any other path.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value is null or "/" ? "/index.html" : context.Request.Path.Value;
        if (!_files.TryGetValue(path, out var file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.Headers.ETag = file.ETag;
        context.Response.Headers.CacheControl = "no-cache";
        if (context.Request.Headers.IfNoneMatch == file.ETag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        context.Response.ContentType = file.Type;
        context.Response.ContentLength = file.Bytes.Length;
        if (HttpMethods.IsHead(context.Request.Method)) return;
        await context.Response.Body.WriteAsync(file.Bytes, context.RequestAborted);
    }
}
