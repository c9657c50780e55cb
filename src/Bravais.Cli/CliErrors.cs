using Bravais.Crystallography;

namespace Bravais.Cli;

/// <summary>Exit codes and the one-line error report shared by every command.</summary>
public static class CliErrors
{
    public const int Ok = 0;
    /// <summary>An error, or in a batch: some inputs failed (each listed on stderr) and the rest were used.</summary>
    public const int Failure = 1;
    /// <summary>No input could be used at all.</summary>
    public const int NothingRead = 2;
    /// <summary>Stopped by Ctrl-C (SIGINT); what was finished is written.</summary>
    public const int Interrupted = 130;

    /// <summary>The exit code of a batch: 0 all used, 1 some failed, 2 nothing usable.</summary>
    public static int ForBatch(long used, long failed) => used == 0 ? NothingRead : failed > 0 ? Failure : Ok;

    /// <summary>Prints one line to stderr: "bravais: &lt;where&gt;: &lt;reason&gt;".</summary>
    public static void Report(Exception e)
    {
        var message = e is BravaisException ? e.Message : $"{e.GetType().Name}: {e.Message}";
        Console.Error.WriteLine($"bravais: {message}");
    }

    /// <summary>Runs a command body, turning any exception into one stderr line and exit code 1.</summary>
    public static int Run(Func<int> body)
    {
        try { return body(); }
        catch (OperationCanceledException) { Console.Error.WriteLine("bravais: cancelled"); return Interrupted; }
        catch (Exception e) { Report(e); return Failure; }
    }
}
