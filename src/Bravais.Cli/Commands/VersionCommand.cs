using System.CommandLine;
using System.Reflection;

namespace Bravais.Cli.Commands;

/// <summary><c>bravais version</c>: prints the tool's version.</summary>
public static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the Bravais version");
        command.SetAction(_ =>
        {
            Console.WriteLine(Assembly.GetExecutingAssembly().GetName().Version?.ToString(3) ?? "unknown");
            return 0;
        });
        return command;
    }
}
