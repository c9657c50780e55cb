using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Bravais.Web.Api;

/// <summary>One uploaded file: the name the client gave (its last path component, for messages and the format) and where its bytes are.</summary>
internal sealed record Upload(string Name, string Path, long Bytes);

/// <summary>
/// A multipart form read straight from the request body into a private temporary folder (one file per upload, named by
/// its position, so no client-given name ever reaches the disk) and its short text fields. The folder and everything
/// in it are deleted on <see cref="Dispose"/>; nothing is written anywhere else (the framework's own form buffering
/// is not used).
/// </summary>
internal sealed class UploadForm : IDisposable
{
    /// <summary>The multipart field that carries pattern files.</summary>
    public const string FileField = "file";

    private const int MaxFieldChars = 200;
    private readonly string _folder;
    private readonly List<Upload> _files = [];
    private readonly Dictionary<string, string> _fields = new(StringComparer.Ordinal);

    private UploadForm(string folder) => _folder = folder;

    public IReadOnlyList<Upload> Files => _files;

    public string Folder => _folder;

    public string? Field(string name) => _fields.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    /// <summary>Reads the form; throws <see cref="ApiError"/> for a request that is not a usable form, and lets the server's body-size error through.</summary>
    public static async Task<UploadForm> ReadAsync(HttpRequest request, CancellationToken cancellation)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new ApiError(StatusCodes.Status415UnsupportedMediaType, $"send the pattern files as multipart/form-data, field '{FileField}' (got {(string.IsNullOrEmpty(request.ContentType) ? "no content type" : request.ContentType)})");
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) throw new ApiError(StatusCodes.Status400BadRequest, "the multipart/form-data request has no boundary");
        var form = new UploadForm(Directory.CreateTempSubdirectory("bravais-serve-").FullName);
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(cancellation) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition())
                {
                    if (name != FileField) throw new ApiError(StatusCodes.Status400BadRequest, $"the form sends a file as '{name}'; pattern files go in the field '{FileField}'");
                    await form.SaveAsync(DisplayName(disposition), section.Body, cancellation);
                }
                else if (disposition.IsFormDisposition())
                {
                    var value = await new StreamReader(section.Body).ReadToEndAsync(cancellation);
                    if (value.Length > MaxFieldChars) throw new ApiError(StatusCodes.Status400BadRequest, $"the form field '{name}' is longer than {MaxFieldChars} characters");
                    form._fields[name] = value;
                }
            }
            return form;
        }
        catch
        {
            form.Dispose();
            throw;
        }
    }

    private async Task SaveAsync(string name, Stream body, CancellationToken cancellation)
    {
        var path = System.IO.Path.Combine(_folder, $"{_files.Count:D4}.upload");
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            await body.CopyToAsync(file, cancellation);
        _files.Add(new Upload(name, path, new FileInfo(path).Length));
    }

    /// <summary>The client's file name without any folder part or control characters ("upload" when it gave none).</summary>
    internal static string DisplayName(ContentDispositionHeaderValue disposition)
    {
        var raw = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
        var name = raw.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length > 200) name = name[^200..];
        return name is "" or "." or ".." ? "upload" : name;
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>An answer other than 200, with its status and the one-line message (without the "bravais: " prefix).</summary>
internal sealed class ApiError(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
