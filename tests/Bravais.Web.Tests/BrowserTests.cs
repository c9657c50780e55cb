using System.Diagnostics;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Xunit;

namespace Bravais.Web.Tests;

/// <summary>
/// The page in a real headless Chromium (Selenium WebDriver with Debian's chromedriver): a pattern file picked through
/// the file input is classified, its row appears in the results table and its plot is drawn; a bad file gets its row
/// with the server's message. With BRAVAIS_SCREENSHOT=path the page is saved as a PNG (tools/serve-screenshot.sh).
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class BrowserTests(ServerFixture server) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bravais-browser-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ChromeDriver Start()
    {
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Chromium.Driver)!, Path.GetFileName(Chromium.Driver)!);
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = Chromium.Browser };
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1500", "--hide-scrollbars", "--force-device-scale-factor=1");
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    private static T Until<T>(Func<T?> probe, string what, double seconds = 30) where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try { if (probe() is { } found) return found; }
            catch (NoSuchElementException) { }
            catch (StaleElementReferenceException) { }
            if (clock.Elapsed.TotalSeconds > seconds) throw new TimeoutException($"waited {seconds} s for {what}");
            Thread.Sleep(50);
        }
    }

    [ChromiumFact]
    public void APickedFileIsClassifiedTabulatedAndPlotted()
    {
        using var driver = Start();
        driver.Navigate().GoToUrl(server.Address);
        Until(() => driver.FindElement(By.Id("model")).Text is var t && t.StartsWith("model:", StringComparison.Ordinal) ? t : null, "the health answer");

        driver.FindElement(By.Id("files")).SendKeys(ServerFixture.Examples("patterns", "silicon.xy"));
        var row = Until(() => driver.FindElements(By.CssSelector("#results tbody tr#row-0")).FirstOrDefault(), "the result row");
        var cells = row.FindElements(By.TagName("td")).Select(c => c.Text).ToArray();
        Assert.Equal("silicon.xy", cells[1]);
        Assert.Equal("cF", cells[2]);                 // silicon is in the examples' library: the page shows the server's answer
        Assert.Equal("cubic", cells[4]);
        Assert.Equal("227", cells[5]);
        Assert.Equal("silicon", cells[6]);
        Until(() => driver.FindElement(By.Id("status")).Text is var s && s.StartsWith("done: 1 classified", StringComparison.Ordinal) ? s : null, "the status line");

        // the plot: a canvas with the measured line drawn in its colour (#1d2430) and the reference sticks in theirs (#7a3db8)
        var canvas = Until(() => driver.FindElement(By.CssSelector("canvas#plot-0")), "the plot");
        Assert.True(canvas.Size.Width > 600 && canvas.Size.Height > 200, $"plot is {canvas.Size}");
        var counts = Until(() => driver.ExecuteScript("""
            const c = document.getElementById('plot-0'), d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let line = 0, sticks = 0;
            for (let i = 0; i < d.length; i += 4) {
              if (d[i] === 29 && d[i + 1] === 36 && d[i + 2] === 48) line++;
              if (d[i] === 122 && d[i + 1] === 61 && d[i + 2] === 184) sticks++;
            }
            return line > 0 ? [line, sticks] : null;
            """) as IReadOnlyCollection<object>, "pixels on the plot");
        var (linePixels, stickPixels) = (Convert.ToInt64(counts.First()), Convert.ToInt64(counts.Last()));
        Assert.True(linePixels > 1000, $"{linePixels} pixels of the measured line");
        Assert.True(stickPixels > 50, $"{stickPixels} pixels of reference sticks");

        // the ranked classes as bars: five per level (the page asks top=5), the first being the answer
        var lattice = driver.FindElements(By.CssSelector("#bars-0-lattice .bar"));
        Assert.Equal(5, lattice.Count);
        Assert.StartsWith("cF", lattice[0].Text, StringComparison.Ordinal);
        Assert.Equal(5, driver.FindElements(By.CssSelector("#bars-0-system .bar")).Count);
        Assert.Contains(driver.FindElements(By.CssSelector("#evidence-0 td")), td => td.Text == "reference silicon");

        if (Environment.GetEnvironmentVariable("BRAVAIS_SCREENSHOT") is { Length: > 0 } shot)
        {
            driver.FindElement(By.Id("files")).SendKeys(ServerFixture.Examples("patterns", "rutile.xy") + "\n" + ServerFixture.Examples("patterns", "zincite.xy"));
            Until(() => driver.FindElement(By.Id("status")).Text is var s && s.StartsWith("done: 3", StringComparison.Ordinal) ? s : null, "three answers");
            ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(shot);
        }

        // a file the readers refuse gets its own row with the server's one-line message; the page goes on
        var bad = Path.Combine(_dir, "noise.xy");
        File.WriteAllBytes(bad, [0x00, 0x13, 0x37, 0xff, 0x10]);
        driver.FindElement(By.Id("files")).SendKeys(bad);
        var errorCell = Until(() => driver.FindElements(By.CssSelector("#results tbody tr td.error")).FirstOrDefault(), "the error row");
        Assert.StartsWith("bravais: noise.xy", errorCell.Text, StringComparison.Ordinal);
        Assert.Equal("silicon.xy", driver.FindElement(By.CssSelector("#row-0 td:nth-child(2)")).Text);
    }
}
