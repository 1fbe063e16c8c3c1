using System.Text.Json;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.Reports;
using AlmaIntegrationKit.Results;
using AlmaIntegrationKit.Sources;
using AlmaIntegrationKit.State;

namespace AlmaIntegrationKit.Cli.Startup;

/// <summary>
/// Library code a run needs that cannot be compiled ahead by name (code behind interfaces, generic code over value
/// types), run once on throwaway data so that it is compiled before the run reaches it; see <see cref="JitWarmUp"/>.
/// None of them touches a file.
/// </summary>
internal static class WarmUpExercises
{
    /// <summary>A run through an in-memory state database: open, create the tables, record, look up, roll back.</summary>
    public static void StateFile()
    {
        using var store = ExportStateStore.Open(":memory:");
        using var run = store.BeginRun();
        run.HoldsNewest("warm-up", [1]);
        run.Bind("warm-up", [("warm-up", IdentityBinding.PrimaryIdKind)]);
        run.Record(new SentUser("warm-up", "warm-up", null, "warm-up", "GROUP", null, null, [1]), new RecordLocation(1, 0, 0, 7), "ACTIVE");
        run.MarkSeen("warm-up");
    }

    /// <summary>A header and a row of the report CSV files, to nowhere (CsvHelper's writer).</summary>
    public static void ReportCsv()
    {
        using var file = new ReportCsvFile(TextWriter.Null, ["column"]);
        file.Row(SourcePosition.Line("warm-up", 2), "value");
    }

    /// <summary>
    /// An example manifest written in memory and read back, as the run writes its manifest and the run report reads it
    /// (the serializer's code for it is compiled on first use).
    /// </summary>
    public static void Manifest() =>
        JsonSerializer.Deserialize<RunManifest>(JsonSerializer.SerializeToUtf8Bytes(RunManifest.Example(), KitJson.Options), KitJson.Options);

    /// <summary>
    /// The report of an example run, its rejects read back as the report reads them, rendered with the three built-in
    /// templates into strings that are thrown away (Scriban's parser and renderer), as the host does right after the export.
    /// </summary>
    public static void RunReport()
    {
        var result = new ExportResult
        {
            RunName = "warm-up", Aborted = false, Counts = new ExportCounts(), Thresholds = [], Zips = [],
            ManifestPath = "manifest.json", RejectsPath = "rejects.csv", MergedPath = "merged.csv",
        };
        var rejectsCsv = new StringWriter();
        using (var rejects = new RejectsCsvWriter(rejectsCsv))
            rejects.Write(new ExportRejection(SourcePosition.Line("warm-up", 2), "P1", [new ValidationIssue("primary_id", "rule", "message")]));
        var rejectLines = new List<ReportRejectLine>();
        long rejectLinesTotal = 0;
        using (var written = new StringReader(rejectsCsv.ToString()))
            RunReportModelBuilder.ReadRejects(written, RunReportModelBuilder.DefaultRejectLines, rejectLines, ref rejectLinesTotal);
        var model = RunReportModelBuilder.Build(result, RunManifest.Example(), previous: null, previousManifest: null,
            rejectLines, rejectLinesTotal, recentRuns: [], TimeZoneInfo.Utc);
        var warnings = new List<string>();
        foreach (var template in RunReportTemplate.All)
            RunReportRenderer.Render(template, model, templateFolder: null, warnings);
    }
}
