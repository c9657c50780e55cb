using Bravais.Crystallography.Structures;

namespace Bravais.Cli.Commands;

/// <summary>
/// One updating stderr line for building a huge structure ("bravais: merging sites 41% (520,000 of 1,270,000)"),
/// shown only on an interactive terminal: never in pipes, files or tests.
/// </summary>
internal static class StructureProgressLine
{
    public static IProgress<StructureProgress>? ForConsole()
    {
        if (Console.IsErrorRedirected) return null;
        var gate = new object();
        return new SyncProgress<StructureProgress>(p =>
        {
            lock (gate)
            {
                var percent = p.Total > 0 ? 100.0 * p.Done / p.Total : 100;
                Console.Error.Write(FormattableString.Invariant($"\rbravais: {p.Stage} {percent:0}% ({p.Done:N0} of {p.Total:N0})   "));
                if (p.Done >= p.Total) Console.Error.WriteLine();
            }
        });
    }
}
