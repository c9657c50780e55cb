using BenchmarkDotNet.Running;

namespace Bravais.Benchmarks;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project bench/Bravais.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["cnn-throughput", ..]) { Neural.CnnThroughput.Run(args); return; }
        if (args is ["neural-accuracy", ..]) { Neural.NeuralAccuracy.Run(args); return; }
        if (args is ["site-merging", ..]) { SiteMergingBench.Run(args); return; }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
