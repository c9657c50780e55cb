using System.CommandLine;
using Bravais.Analysis.Prediction;
using Bravais.Cli.Options;

namespace Bravais.Cli.Commands;

/// <summary>
/// <c>bravais library build [--structures DIR] [--out PATH]</c>: builds the full search–match model (the measured recipe)
/// once, into the user's data folder (<see cref="DefaultModel.UserLibraryPath"/>), where <c>predict</c> and <c>serve</c>
/// without <c>--model</c> find and use it instead of the compact default shipped with Bravais.
/// </summary>
public static class LibraryCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--out") { Description = $"Where to write the model (default: {DefaultModel.UserLibraryPath}, where predict finds it)" };
        var seed = CommonOptions.Seed();
        var threads = CommonOptions.Threads();
        var build = new Command("build", "Build the search–match library model from CIFs (default ../shared/data/mp) into your data folder; predict then uses it by default");
        foreach (var o in new Option[] { output, seed, threads }.Concat(MeasuredRecipe.Options().Where(o => o != MeasuredRecipe.Recipe))) build.Options.Add(o);
        build.SetAction((parse, cancellation) => Task.FromResult(CliErrors.Run(() =>
        {
            var path = parse.GetValue(output) ?? DefaultModel.UserLibraryPath;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            return MeasuredRecipe.Run(parse, "measured", path, parse.GetValue(seed), parse.GetValue(threads), cancellation);
        })));
        var command = new Command("library", "The optional search–match library that predict uses when present");
        command.Subcommands.Add(build);
        return command;
    }
}
