using System.Runtime.InteropServices;

namespace Bravais.Cli;

/// <summary>
/// Turns the first Ctrl-C (SIGINT) or SIGTERM into a stop request — a token the command checks between units of
/// work, so it can finish and write what is in progress and exit 130 — and lets a second Ctrl-C end the process at
/// once. Without it .NET ends the process on the first signal, in the middle of a write.
/// </summary>
internal sealed class StopOnSignal : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration _interrupt, _terminate;
    private int _signals;

    public StopOnSignal(CancellationToken alsoStopWhen, string whatHappens)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(alsoStopWhen);
        void Handle(PosixSignalContext context)
        {
            if (Interlocked.Increment(ref _signals) > 1 && context.Signal == PosixSignal.SIGINT) return; // the second Ctrl-C: default handling, the process ends
            context.Cancel = true;
            Console.Error.WriteLine($"bravais: stopping: {whatHappens} (Ctrl-C again to quit at once)");
            _stop.Cancel();
        }
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    /// <summary>Cancelled by the first signal (or by the token given).</summary>
    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
    }
}
