using System.CommandLine;
using Bravais.Cli.Commands;

namespace Bravais.Cli;

public static class Program
{
    public static int Main(string[] args) => BuildRoot().Parse(args).Invoke();

    /// <summary>The command tree; one file per command under Commands/.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("bravais — Bravais lattice and space group from powder X-ray diffraction patterns");
        foreach (var command in Commands())
            root.Subcommands.Add(command);
        return root;
    }

    private static IEnumerable<Command> Commands()
    {
        yield return VersionCommand.Create();
        yield return InfoCommand.Create();
        yield return TrainCommand.Create();
        yield return EvaluateCommand.Create();
        yield return PredictCommand.Create();
        yield return LibraryCommand.Create();
        yield return ServeCommand.Create();
        yield return SimulateCommand.Create();
        yield return DatasetCommand.Create();
        yield return BenchCommand.Create();
        yield return SynthCommand.Create();
        yield return DemoCommand.Create();
        yield return PeaksCommand.Create();
        yield return IndexCommand.Create();
    }
}
