using System.Diagnostics;
using AlmaIntegrationKit.Benchmarks.Alma;

namespace AlmaIntegrationKit.Benchmarks.Data;

/// <summary>
/// `-- --profile`: a stopwatch breakdown of the reader + validator suite (read only, validate only, both streaming),
/// with the bytes each part allocates; the quick way to see where a missed target goes (docs/benchmarks.md).
/// </summary>
internal static class Profile
{
    public static void Run()
    {
        var users = PatronFactory.Create(100_000);
        var document = Sanity.WriteGenerated(users);
        var issues = new List<ValidationIssue>();
        for (var round = 0; round < 4; round++)
        {
            var read = Measure(() =>
            {
                var n = 0;
                foreach (var record in AlmaUsersReader.Read(new MemoryStream(document, writable: false)))
                    n += record.Issues.Count;
                return n;
            });
            var validate = Measure(() =>
            {
                foreach (var user in users)
                {
                    issues.Clear();
                    AlmaUserValidator.Validate(user, issues);
                }

                return issues.Count;
            });
            Console.WriteLine($"round {round}: read {read.Ms,7:F1} ms {read.Bytes / 1e6,7:F1} MB | validate {validate.Ms,7:F1} ms {validate.Bytes / 1e6,7:F1} MB");
        }
    }

    private static (double Ms, long Bytes) Measure(Func<int> action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        action();
        return (watch.Elapsed.TotalMilliseconds, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
