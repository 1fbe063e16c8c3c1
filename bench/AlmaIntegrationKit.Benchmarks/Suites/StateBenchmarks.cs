using System.Globalization;
using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.State;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace AlmaIntegrationKit.Benchmarks.Suites;

/// <summary>
/// What the state costs a feed's first night, alone: 100,000 people each bound with three values (primary_id, barcode,
/// UNIV_ID) and recorded with where their record lies, into a new state file, committed with a 9 MB zip kept. The
/// primary_ids either follow the person_ids (as in the end-to-end feed: <c>u</c> + person_id) or do not (as campus
/// logins such as <c>jsmith3</c> do), which is what the bindings' B-tree sees.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class StateBenchmarks
{
    public const int People = 100_000;

    private string _folder = "";
    private string _zip = "";

    [Params(false, true)]
    public bool LoginsInRandomOrder { get; set; }

    [IterationSetup]
    public void NewFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "alma-state-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _zip = Path.Combine(_folder, "run.zip");
        File.WriteAllBytes(_zip, new byte[9_400_000]);
    }

    [IterationCleanup]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Description = "First night's state, 100,000 people")]
    public long FirstNight()
    {
        using var store = ExportStateStore.OpenForRun(Path.Combine(_folder, "export-state.db"), feed: null);
        using var run = store.BeginRun();
        for (var i = 0; i < People; i++)
        {
            var personId = (10_000_000 + i).ToString(CultureInfo.InvariantCulture);
            var login = "u" + (LoginsInRandomOrder ? (10_000_000 + (i * 7_919L % People)).ToString(CultureInfo.InvariantCulture) : personId);
            var fingerprint = new byte[16];
            BitConverter.TryWriteBytes(fingerprint, i);
            if (run.Bind(personId, [(login, IdentityBinding.PrimaryIdKind), ("2" + personId + "0042", "BARCODE"), (personId, "UNIV_ID")]) is not null)
                throw new InvalidOperationException("A value of the benchmark was bound twice.");
            run.Record(new SentUser(personId, login, "UNIV_ID", personId, "STUDENT", "Student", null, fingerprint), new RecordLocation(1, i / 5_000, i * 100L, 100), "ACTIVE");
        }

        run.Commit(new RunRecord(run.RunId, "bench", DateTimeOffset.UtcNow, "full", true, People, People, People, 0, 0, 0, 0, People),
            [new PackagedZip("run.zip", _zip, 9_400_000, "", People, 1)]);
        return run.RunId;
    }
}
