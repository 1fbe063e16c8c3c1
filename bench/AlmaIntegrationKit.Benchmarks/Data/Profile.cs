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
        var schemas = Baseline.AlmaSchemaSet.Load();
        for (var round = 0; round < 4; round++)
        {
            var schemaSet = Measure(() =>
            {
                var errors = 0;
                var settings = Baseline.AlmaSchemaSet.ValidatingSettings(schemas, (_, _) => errors++);
                using var reader = System.Xml.XmlReader.Create(new MemoryStream(document, writable: false), settings);
                while (reader.Read())
                {
                }

                return errors;
            });
            var both = Measure(() =>
            {
                var n = 0;
                foreach (var record in AlmaUsersReader.Read(new MemoryStream(document, writable: false)))
                {
                    issues.Clear();
                    AlmaUserValidator.Validate(record.User, issues);
                    n += record.Issues.Count + issues.Count;
                }

                return n;
            });
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
            var floorXml = Measure(() =>
            {
                var n = 0;
                using var reader = System.Xml.XmlReader.Create(new MemoryStream(document, writable: false), Xml.AlmaReadContext.SafeSettings(closeInput: true));
                while (reader.Read())
                    n++;
                return n;
            });
            var floorFast = Measure(() =>
            {
                var n = 0;
                using var reader = Xml.AlmaReadContext.CreateReader(new MemoryStream(document, writable: false), closeInput: true);
                while (reader.Read())
                    n++;
                return n;
            });
            Console.WriteLine($"round {round}: parse floor XmlReader {floorXml.Ms,7:F1} ms {floorXml.Bytes / 1e6,7:F1} MB | {(Xml.AlmaReadContext.CreateReader(new MemoryStream(document), true).GetType().Name)} {floorFast.Ms,7:F1} ms {floorFast.Bytes / 1e6,7:F1} MB");
            Console.WriteLine($"round {round}: XmlSchemaSet {schemaSet.Ms,7:F1} ms | read+validate {both.Ms,7:F1} ms {both.Bytes / 1e6,7:F1} MB (x{schemaSet.Ms / both.Ms:F2})");
            Console.WriteLine($"round {round}: read {read.Ms,7:F1} ms {read.Bytes / 1e6,7:F1} MB | validate {validate.Ms,7:F1} ms {validate.Bytes / 1e6,7:F1} MB");
        }
    }

    /// <summary>`-- --profile-allocations`: what one read of the 100,000 users allocates, by type.</summary>
    public static void Allocations()
    {
        var document = Sanity.WriteGenerated(PatronFactory.Create(100_000));
        using var sampler = new AllocationSampler();
        var issues = 0;
        foreach (var record in AlmaUsersReader.Read(new MemoryStream(document, writable: false)))
            issues += record.Issues.Count;
        foreach (var (type, bytes) in sampler.Largest(20))
            Console.WriteLine($"{bytes / 1e6,8:F1} MB {type}");
        Console.WriteLine($"({issues} issues)");
    }

    /// <summary>
    /// `-- --read-loop`: thirty rounds of read + validate over the 100,000 users and nothing else, for a sampling
    /// profiler (e.g. `perf record -g` with DOTNET_PerfMapEnabled=1 and DOTNET_EnableWriteXorExecute=0).
    /// </summary>
    public static void ReadLoop()
    {
        var document = Sanity.WriteGenerated(PatronFactory.Create(100_000));
        var issues = new List<ValidationIssue>();
        var count = 0;
        for (var round = 0; round < 30; round++)
        {
            foreach (var record in AlmaUsersReader.Read(new MemoryStream(document, writable: false)))
            {
                issues.Clear();
                AlmaUserValidator.Validate(record.User, issues);
                count += record.Issues.Count + issues.Count;
            }
        }

        Console.WriteLine($"({count} issues)");
    }

    private static (double Ms, long Bytes) Measure(Func<int> action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        action();
        return (watch.Elapsed.TotalMilliseconds, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
