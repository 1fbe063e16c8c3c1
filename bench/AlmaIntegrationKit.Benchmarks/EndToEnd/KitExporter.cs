using AlmaIntegrationKit.Benchmarks.Alma;
using AlmaIntegrationKit.Cli.Startup;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Reports;
using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Benchmarks.EndToEnd;

/// <summary>
/// The kit's export as a college project's <c>run --dry-run --full</c> does it: CSV source, the generated schema and
/// mapping, the college mapper, a state file (fresh: the first run of a college), default safety thresholds, zips in
/// the outbox plus manifest.json, rejects.csv, merged.csv and the run report. Nothing is uploaded (dry run).
/// </summary>
internal static class KitExporter
{
    public static readonly DateTimeOffset Started = new(2026, 11, 26, 2, 0, 0, TimeSpan.Zero);

    public static ExportResult Run(string csvPath, string workDirectory, string? profileFolder, bool withState = true)
    {
        var options = new ExportOptions
        {
            InstitutionCode = "01BENCH",
            Profile = "patrons",
            OutboxDirectory = Path.Combine(workDirectory, "outbox"),
            StatePath = withState ? Path.Combine(workDirectory, "state", "export-state.db") : null,
            StartedUtc = Started,
        };
        var mapper = new BenchPatronMapper();
        var source = new CsvPatronSource(csvPath);
        StartupCompilation.Begin(profileFolder, AlmaUserSchema.Instance, mapper, source);
        var pipeline = new ExportPipeline<User>(AlmaUserSchema.Instance, AlmaUserGroups.Map, mapper, options);
        var result = pipeline.RunAsync(source).GetAwaiter().GetResult();
        if (result.Aborted || !result.Counts.AddUp || result.Counts.Written == 0)
            throw new InvalidOperationException($"The kit's run did not complete as expected: aborted={result.Aborted}, counts={result.Counts}.");

        // The run report as RunCommand writes it after every run (Markdown, HTML and the plain-text summary).
        var report = RunReportWriter.Write(result, previousSuccessfulRun: null, templateFolder: null);
        if (!File.Exists(report.HtmlPath))
            throw new InvalidOperationException("The kit's run report was not written.");
        return result;
    }
}
