using System.Diagnostics;
using AlmaIntegrationKit.Benchmarks.Alma;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Benchmarks.EndToEnd;

/// <summary>
/// <c>-- --e2e-profile ROWS</c>: a stopwatch and allocation breakdown of the end-to-end export, stage by stage
/// (CSV source alone; source + mapper + generated validator + writer into a null stream; the whole pipeline with and
/// without a state file; the plain exporter), to see where time and memory go.
/// </summary>
internal static class EndToEndProfile
{
    public static void Run(int rows)
    {
        var feed = PatronCsvFeed.Ensure(PatronCsvFeed.DefaultPath(rows), rows);
        var runDate = DateOnly.FromDateTime(KitExporter.Started.UtcDateTime);
        for (var round = 0; round < 2; round++)
        {
            Measure("CSV source, one read", () =>
            {
                long n = 0;
                var e = new CsvPatronSource(feed).ReadAsync().GetAsyncEnumerator();
                while (e.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                    n++;
                return n;
            });
            Measure("source + map + validate + write (null stream)", () =>
            {
                long n = 0;
                var mapper = new BenchPatronMapper();
                var issues = new List<ValidationIssue>();
                using var writer = AlmaUserSchema.Instance.CreateWriter(Stream.Null);
                var e = new CsvPatronSource(feed).ReadAsync().GetAsyncEnumerator();
                while (e.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                {
                    if (e.Current is not PatronRow row || !AlmaUserGroups.Map.TryGetBySisCode(row.PatronType, out var rule))
                        continue;
                    var expiry = rule.ExpiryDate(row.TermEndDate, runDate);
                    var user = mapper.Map(row, new PatronMappingContext(runDate, rule, expiry, rule.PurgeDate(expiry)));
                    issues.Clear();
                    AlmaUserSchema.Instance.Validate(user, issues);
                    if (issues.Count == 0 && writer.TryWrite(user, issues))
                        n++;
                }

                return n;
            });
            Measure("kit pipeline, no state file", () => Work(w => KitExporter.Run(feed, w, profileFolder: null, withState: false).Counts.Written));
            Measure("kit pipeline, state file", () => Work(w => KitExporter.Run(feed, w, profileFolder: null).Counts.Written));
            Measure("plain exporter", () => Work(w => PlainExporter.Run(feed, Path.Combine(w, "outbox"), runDate)));
        }
    }

    private static long Work(Func<string, long> run)
    {
        var work = Path.Combine(Path.GetTempPath(), "alma-e2e-bench", "profile-" + Guid.NewGuid().ToString("N"));
        try
        {
            return run(work);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void Measure(string name, Func<long> action)
    {
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var gen2 = GC.CollectionCount(2);
        var watch = Stopwatch.StartNew();
        var result = action();
        watch.Stop();
        var mb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1024.0 * 1024);
        Console.WriteLine($"{name,-48} {watch.ElapsedMilliseconds,7} ms {mb,9:F0} MB allocated  gen2={GC.CollectionCount(2) - gen2}  result={result}");
    }
}
