using System.Globalization;
using AlmaIntegrationKit.Logins;
using AlmaIntegrationKit.Tests.Logins;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AlmaIntegrationKit.Benchmarks.Suites;

/// <summary>
/// <c>check-logins</c> against a real OpenLDAP slapd holding 100,000 people (started on a free loopback port in
/// GlobalSetup, the test suite's <see cref="SlapdServer"/>): 100,000 values (1% of them in no entry) looked up in
/// batches of OR filters, paged, against one search per person. Each operation connects, binds and looks up every
/// value. Target: at least 10x fewer round trips and 10x less wall time. The round trips of each operation are printed.
/// </summary>
/// <remarks>
/// In process: an operation of the baseline takes about a minute on the shared 2-core machine, past what an
/// out-of-process run waits for, and a child process would start its own slapd. One warm-up and three measured
/// operations each.
/// </remarks>
[Config(typeof(InProcessConfig))]
public class LoginCheckBenchmarks
{
    public const int DirectorySize = 100_000;
    public const int MissingEvery = 100;

    private SlapdServer _server = null!;
    private string[] _values = [];

    [GlobalSetup]
    public void Setup()
    {
        _server = new SlapdServer(Enumerable.Range(1, DirectorySize).Select(i => new SlapdServer.Person(Uid(i))));
        _values = [.. Enumerable.Range(1, DirectorySize).Select(i => i % MissingEvery == 0 ? Uid(DirectorySize + i) : Uid(i))];

        // Both ways find the same entries.
        var batched = Lookup(LdapSettings.DefaultBatchSize, LdapSettings.DefaultConnections, out _);
        var oneByOne = Lookup(1, 1, out _);
        if (batched != oneByOne || batched != DirectorySize - DirectorySize / MissingEvery)
            throw new InvalidOperationException($"Batched found {batched}, one by one {oneByOne}; expected {DirectorySize - DirectorySize / MissingEvery}.");
    }

    [GlobalCleanup]
    public void Cleanup() => _server.Dispose();

    [Benchmark(Baseline = true, Description = "One search per person, one connection")]
    public long OneSearchPerPerson() => Report(1, 1);

    [Benchmark(Description = "One search per person, two connections")]
    public long OneSearchPerPersonTwoConnections() => Report(1, 2);

    [Benchmark(Description = "Batched OR filters (100 values a search), paged, one connection")]
    public long BatchedOneConnection() => Report(LdapSettings.DefaultBatchSize, 1);

    [Benchmark(Description = "Batched OR filters (100 values a search), paged, two connections (default)")]
    public long Batched() => Report(LdapSettings.DefaultBatchSize, LdapSettings.DefaultConnections);

    private long Report(int batchSize, int connections)
    {
        Lookup(batchSize, connections, out var roundTrips);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// round trips (batch size {batchSize}, {connections} connections): {roundTrips:N0}"));
        return roundTrips;
    }

    private int Lookup(int batchSize, int connections, out long roundTrips)
    {
        using var directory = LdapDirectory.Connect(_server.Settings(batchSize: batchSize, connections: connections));
        var found = directory.Lookup(_values);
        roundTrips = directory.RoundTrips;
        return found.Count(f => f.Value.Count == 1);
    }

    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() => AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)));
    }

    private static string Uid(int i) => "user" + i.ToString("D6", CultureInfo.InvariantCulture);
}
