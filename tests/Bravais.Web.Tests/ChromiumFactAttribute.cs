using Xunit;

namespace Bravais.Web.Tests;

/// <summary>
/// Finds a headless-capable Chromium and its matching ChromeDriver: BRAVAIS_CHROMIUM and BRAVAIS_CHROMEDRIVER, else
/// Debian's packages (<c>apt-get install chromium chromium-driver</c>, which .ci/run does). Nothing is downloaded.
/// </summary>
public static class Chromium
{
    public static readonly string? Browser = First(Environment.GetEnvironmentVariable("BRAVAIS_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser");
    public static readonly string? Driver = First(Environment.GetEnvironmentVariable("BRAVAIS_CHROMEDRIVER"), "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    public static string? SkipMessage => Browser is null || Driver is null
        ? $"needs Chromium and ChromeDriver (apt-get install chromium chromium-driver, or BRAVAIS_CHROMIUM and BRAVAIS_CHROMEDRIVER); found browser: {Browser ?? "none"}, driver: {Driver ?? "none"}"
        : null;

    /// <summary>The variable's path when it is set (even to a missing file, which then skips), else the first default that exists.</summary>
    private static string? First(string? variable, params string[] defaults) =>
        !string.IsNullOrEmpty(variable) ? (File.Exists(variable) ? variable : null) : defaults.FirstOrDefault(File.Exists);
}

/// <summary>A fact that drives a real browser; reported as skipped, with the reason, where Chromium or ChromeDriver is missing.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.SkipMessage is { } message) Skip = message;
    }
}
