using Xunit;

// Commands write to the process-wide Console, and several test classes capture Console.Error to check what a
// command reported; run the classes of this assembly one at a time so one class's output never lands in another's capture.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Bravais.Cli.Tests
{
    /// <summary>The one lock around redirections of the process-wide Console in this assembly's tests.</summary>
    internal static class ConsoleCapture
    {
        public static readonly object Lock = new();
    }
}
