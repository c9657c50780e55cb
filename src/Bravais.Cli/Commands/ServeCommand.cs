using System.CommandLine;
using Bravais.Analysis.Prediction;
using Bravais.Crystallography;
using Bravais.Web;
using Microsoft.Extensions.Hosting;

namespace Bravais.Cli.Commands;

/// <summary>
/// <c>bravais serve [--model M] [--port 8080] [--host 127.0.0.1] [--max-upload-mb 20] [--timeout-seconds 60]</c>: loads the
/// model once and serves the local web page and its API (<see cref="BravaisServer"/>) until Ctrl-C.
/// </summary>
public static class ServeCommand
{
    /// <summary>
    /// The model the server uses: the file given with --model. This is the one place that decides it; when the project
    /// ships a default model, a missing --model resolves to it here (and the returned name says which file it was).
    /// </summary>
    internal static (IPatternPredictor Predictor, string Name) ResolveModel(string? path)
    {
        var resolved = DefaultModel.Resolve(path);
        return (ModelFile.Load(resolved.Path), resolved.Describe());
    }

    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "Model file (.bravais), any kind; loaded once and shared by every request (default: your library model, else the default model shipped with Bravais)" };
        var port = new Option<int>("--port") { Description = "TCP port (0 picks a free one)", DefaultValueFactory = _ => 8080 };
        var host = new Option<string>("--host") { Description = "Address to listen on: 127.0.0.1 (this machine only, the default), ::1, localhost, or 0.0.0.0 to let other machines in", DefaultValueFactory = _ => "127.0.0.1" };
        var maxUpload = new Option<int>("--max-upload-mb") { Description = "Largest upload per request, MiB (larger ones are answered 413)", DefaultValueFactory = _ => 20 };
        var timeout = new Option<double>("--timeout-seconds") { Description = "Longest time one request may take (longer ones are answered 504)", DefaultValueFactory = _ => 60 };
        var command = new Command("serve", "A local web page (and HTTP API) to classify pattern files: drop files, see the pattern, peaks, cell and ranked classes");
        foreach (var o in new Option[] { model, port, host, maxUpload, timeout }) command.Options.Add(o);
        command.SetAction(async (parse, cancellation) =>
        {
            try
            {
                var options = new ServerOptions(parse.GetValue(host)!, parse.GetValue(port), parse.GetValue(maxUpload), parse.GetValue(timeout)).Validate();
                var (predictor, path) = ResolveModel(parse.GetValue(model));
                await using var app = BravaisServer.Build(predictor, options, Console.Error);
                await app.StartAsync(cancellation);
                var address = BravaisServer.AddressOf(app);
                Console.Error.WriteLine($"bravais: serving {path} ({predictor.Summary.Description})");
                Console.Error.WriteLine($"bravais: open {address} in a browser; Ctrl-C stops");
                if (!options.IsLoopback)
                    Console.Error.WriteLine($"bravais: warning: listening on {options.Host}: other machines can reach this server, and it has no authentication");
                await app.WaitForShutdownAsync(cancellation);
                return CliErrors.Ok;
            }
            catch (OperationCanceledException) { return CliErrors.Ok; }
            catch (Exception e) when (e is BravaisException or IOException)
            {
                CliErrors.Report(e);
                return CliErrors.Failure;
            }
        });
        return command;
    }
}
