using System.Diagnostics;
using Bravais.Crystallography;
using Bravais.Diffraction.Measured;

namespace Bravais.Benchmarks;

/// <summary>
/// Reads measured-pattern files one after another and prints, per file, what the reader made of it (points, or the
/// one-line refusal), the wall time and the process's peak working set; the GC heap cap is whatever the environment
/// sets (tools/measured/run-pattern-limits.sh sets <c>DOTNET_GCHeapHardLimit=0x80000000</c>, 2 GB). Run:
/// <c>dotnet run -c Release --project bench/Bravais.Benchmarks -- read-patterns FILE...</c>. Exit 0 when every file
/// ended in a pattern or a BravaisException, 1 when any other exception escaped.
/// </summary>
public static class PatternReadingBench
{
    public static int Run(string[] args)
    {
        var escaped = 0;
        foreach (var file in args.Skip(1))
        {
            var clock = Stopwatch.StartNew();
            string outcome;
            try
            {
                var p = MeasuredPatternReader.Read(file);
                outcome = FormattableString.Invariant($"read {p.Count:N0} points, 2θ {p.X[0]:0.###}–{p.X[^1]:0.###}°, λ {p.WavelengthAngstrom?.ToString("0.#####", System.Globalization.CultureInfo.InvariantCulture) ?? "not stated"}");
            }
            catch (BravaisException e) { outcome = "refused: " + e.Message; }
            catch (Exception e) { outcome = $"ESCAPED {e.GetType().Name}: {e.Message}"; escaped++; }
            clock.Stop();
            using var process = Process.GetCurrentProcess();
            Console.WriteLine(FormattableString.Invariant(
                $"{Path.GetFileName(file),-22} {clock.Elapsed.TotalSeconds,6:0.00} s  peak {process.PeakWorkingSet64 / 1e6,6:0} MB  {outcome}"));
        }
        return escaped == 0 ? 0 : 1;
    }
}
