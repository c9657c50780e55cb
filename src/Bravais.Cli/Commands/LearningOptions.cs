namespace Bravais.Cli.Commands;

/// <summary>Console settings shared by the learning commands.</summary>
internal static class LearningOptions
{
    /// <summary>Tables in a log file need not wrap at 80 columns.</summary>
    public static void WideWhenRedirected()
    {
        if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = 160;
    }
}

/// <summary>An <see cref="IProgress{T}"/> that calls back on the reporting thread (Spectre tasks are thread-safe).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
