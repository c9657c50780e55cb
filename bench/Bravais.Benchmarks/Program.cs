using BenchmarkDotNet.Running;

namespace Bravais.Benchmarks;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project bench/Bravais.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["read-patterns", ..]) return PatternReadingBench.Run(args);
        if (args is ["cnn-throughput", ..]) { Neural.CnnThroughput.Run(args); return 0; }
        if (args is ["neural-accuracy", ..]) { Neural.NeuralAccuracy.Run(args); return 0; }
        if (args is ["site-merging", ..]) { SiteMergingBench.Run(args); return 0; }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
