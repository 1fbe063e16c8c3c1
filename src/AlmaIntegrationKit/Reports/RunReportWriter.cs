using System.Text;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.Results;
using AlmaIntegrationKit.Sources;
using AlmaIntegrationKit.State;

namespace AlmaIntegrationKit.Reports;

/// <summary>
/// Renders the run report of an export run (<c>run-report.md</c>, <c>run-report.html</c>, <c>run-summary.txt</c>)
/// beside its manifest. A college overrides a template by putting a file of the same name in its template folder; an
/// override that fails is reported in <see cref="RunReportFiles.Warnings"/> and the built-in template is used, so a
/// broken template never fails the run. The output depends only on the run's files and the previous run: the same
/// input gives the same bytes.
/// </summary>
internal static class RunReportWriter
{
    /// <summary>Renders run-report.md, run-report.html and run-summary.txt into the folder of the run's manifest.</summary>
    /// <param name="result">The run.</param>
    /// <param name="previousSuccessfulRun">
    /// The last successful run before this one (for "changes since the last run"), or null. Take it from the state
    /// store before the run (<see cref="ExportStateStore.LastSuccessfulRun"/>), or with
    /// <see cref="PreviousSuccessfulRun"/> after it (then the run itself is the last successful one). When it is this
    /// very run it is ignored, with a warning.
    /// </param>
    /// <param name="templateFolder">
    /// A folder whose <c>run-report.md</c>, <c>run-report.html</c> or <c>run-summary.txt</c> override the built-in
    /// templates, or null for the built-in ones.
    /// </param>
    public static RunReportFiles Write(ExportResult result, RunRecord? previousSuccessfulRun, string? templateFolder) =>
        Write(result, previousSuccessfulRun, templateFolder, RunReportModelBuilder.DefaultRejectLines);

    /// <summary>As <see cref="Write(ExportResult, RunRecord?, string?)"/>, listing the first <paramref name="maxRejectLines"/> lines of rejects.csv.</summary>
    public static RunReportFiles Write(ExportResult result, RunRecord? previousSuccessfulRun, string? templateFolder, int maxRejectLines) =>
        Write(result, new RunReportOptions { PreviousSuccessfulRun = previousSuccessfulRun, TemplateFolder = templateFolder, MaxRejectLines = maxRejectLines });

    /// <summary>
    /// Renders the three files with everything <paramref name="options"/> gives, among them the last runs for the
    /// history chart (<see cref="RunReportOptions.FromState"/> reads them from the state file after the run).
    /// </summary>
    public static RunReportFiles Write(ExportResult result, RunReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        var templateFolder = options.TemplateFolder;
        var warnings = new List<string>();
        if (templateFolder is not null && !Directory.Exists(templateFolder))
        {
            warnings.Add($"The report template folder '{Path.GetFullPath(templateFolder)}' does not exist; the built-in templates were used.");
            templateFolder = null;
        }

        var model = RunReportModelBuilder.Build(result, options, warnings);
        var folder = Path.GetDirectoryName(Path.GetFullPath(result.ManifestPath))!;
        var markdown = WriteOne(RunReportTemplate.Markdown, model, templateFolder, folder, warnings);
        var html = WriteOne(RunReportTemplate.Html, model, templateFolder, folder, warnings);
        var summaryPath = Path.Combine(folder, RunReportTemplate.Summary.FileName);
        var summary = RunReportRenderer.Render(RunReportTemplate.Summary, model, templateFolder, warnings);
        WriteFile(summaryPath, summary);
        return new RunReportFiles(markdown, html, summaryPath, warnings) { SummaryText = summary };
    }

    /// <summary>
    /// The last successful run in <paramref name="store"/> other than the run named <paramref name="runName"/>: the one
    /// to compare with when the state already holds this run.
    /// </summary>
    public static RunRecord? PreviousSuccessfulRun(ExportStateStore store, string runName)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(runName);
        return store.RecentRuns(100).FirstOrDefault(r => r.Succeeded && !string.Equals(r.RunName, runName, StringComparison.Ordinal));
    }

    private static string WriteOne(RunReportTemplate template, RunReportModel model, string? templateFolder, string folder, List<string> warnings)
    {
        var path = Path.Combine(folder, template.FileName);
        WriteFile(path, RunReportRenderer.Render(template, model, templateFolder, warnings));
        return path;
    }

    // Complete or not at all: written under a temporary name, then renamed over any earlier report of the run.
    private static void WriteFile(string path, string text)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text, new UTF8Encoding(false));
        File.Move(temporary, path, overwrite: true);
    }
}
