using Bravais.Analysis.Prediction;
using Bravais.Analysis.SearchMatch;
using Microsoft.AspNetCore.Builder;
using Xunit;

namespace Bravais.Web.Tests;

/// <summary>
/// One real server (Kestrel on a free loopback port) for every test of the collection, serving a search–match model
/// built in about a second from the repository's examples/structures (14 crystals, one per Bravais lattice) with the
/// library's own recipe (<see cref="MeasuredTraining"/>, as <c>bravais train --recipe measured --structures
/// examples/structures</c>): no ../shared needed.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public IPatternPredictor Predictor { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public StringWriter Log { get; } = new();

    public static string Examples(params string[] parts)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var path = Path.Combine(d.FullName, "examples");
            if (Directory.Exists(Path.Combine(path, "structures"))) return Path.Combine([path, .. parts]);
        }
        throw new DirectoryNotFoundException("examples/structures not found above the test binaries");
    }

    public async Task InitializeAsync()
    {
        var source = ReferenceSource.From(Examples("structures"));
        var model = MeasuredTraining.Run(new MeasuredTrainingRequest(source.Files, source.LabelsTsv, source.Description, Seed: 7, ValidationQueries: 40, Threads: 2));
        Predictor = new SearchMatchPredictor(model);
        App = BravaisServer.Build(Predictor, new ServerOptions(Port: 0), TextWriter.Synchronized(Log));
        await App.StartAsync();
        Address = BravaisServer.AddressOf(App);
        Client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}
