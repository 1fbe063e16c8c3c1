using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace AlmaIntegrationKit.Benchmarks.EndToEnd;

/// <summary>
/// End to end, canonical CSV to zips, dry run: the kit's pipeline (validation, merge by weight, id uniqueness, state
/// file, manifest and reject/merged reports) against <see cref="PlainExporter"/> on the same feed, at 100,000 and
/// 1,000,000 rows. Wall time only (one invocation per iteration; each iteration writes into a fresh folder); peak
/// working set is measured in separate child processes by <c>-- --e2e</c> (see <see cref="EndToEndCommand"/>),
/// because a BenchmarkDotNet process keeps the heap of earlier iterations.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class EndToEndBenchmarks
{
    private string _feed = "";
    private string _work = "";

    [Params(100_000, 1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup() => _feed = PatronCsvFeed.Ensure(PatronCsvFeed.DefaultPath(Rows), Rows);

    [IterationSetup]
    public void NewFolder() => _work = Path.Combine(Path.GetTempPath(), "alma-e2e-bench", "run-" + Guid.NewGuid().ToString("N"));

    [IterationCleanup]
    public void DeleteFolder()
    {
        if (Directory.Exists(_work))
            Directory.Delete(_work, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "Plain: CsvHelper + XmlSerializer + ZipArchive")]
    public long Plain() => PlainExporter.Run(_feed, Path.Combine(_work, "outbox"), DateOnly.FromDateTime(KitExporter.Started.UtcDateTime));

    [Benchmark(Description = "Kit: ExportPipeline, dry run, state file")]
    public long Kit() => KitExporter.Run(_feed, _work, profileFolder: null).Counts.Written;
}
