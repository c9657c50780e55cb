using System.Net;
using Bravais.Crystallography;

namespace Bravais.Web;

/// <summary>An error in how the server was asked to run (address, limits), with the option it concerns.</summary>
public sealed class WebException(string reason, SourceLocation? location = null, Exception? inner = null) : BravaisException(reason, location, inner);

/// <summary>
/// How <c>bravais serve</c> listens and what it accepts: the address (<see cref="Host"/>, loopback by default; port 0
/// picks a free port), the largest upload (the whole request body, in MiB), and how long one request may take.
/// </summary>
public sealed record ServerOptions(string Host = "127.0.0.1", int Port = 8080, int MaxUploadMegabytes = 20, double TimeoutSeconds = 60)
{
    /// <summary>Room for the form's own bytes (part headers, boundaries, the wavelength fields) beyond the files.</summary>
    public const long FormOverheadBytes = 64 * 1024;

    /// <summary>A declared body up to this many times the limit is read and dropped before the 413 (see the predict endpoint); a larger one is refused unread.</summary>
    public const int DrainFactor = 8;

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;

    public long MaxRequestBodyBytes => MaxUploadBytes + FormOverheadBytes;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    /// <summary>The address to bind: an IP address, or <c>localhost</c> (every loopback address).</summary>
    public IPAddress? Address => Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? null : IPAddress.Parse(Host);

    /// <summary>True when the server answers only on this machine.</summary>
    public bool IsLoopback => Address is not { } a || IPAddress.IsLoopback(a);

    /// <summary>Checks every setting, naming the option and the reason.</summary>
    public ServerOptions Validate()
    {
        if (!Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) && !IPAddress.TryParse(Host, out _))
            throw new WebException($"--host '{Host}' is not an IP address (e.g. 127.0.0.1, ::1, 0.0.0.0) or localhost");
        if (Port is < 0 or > 65535) throw new WebException($"--port {Port} is not a TCP port (0–65535; 0 picks a free one)");
        if (MaxUploadMegabytes is < 1 or > 4096) throw new WebException($"--max-upload-mb {MaxUploadMegabytes} must be between 1 and 4096");
        if (!(TimeoutSeconds > 0 && TimeoutSeconds <= 86400)) throw new WebException($"--timeout-seconds {TimeoutSeconds} must be above 0 and at most 86400");
        return this;
    }
}
