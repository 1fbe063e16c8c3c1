namespace AlmaIntegrationKit.Reports;

/// <summary>The files <c>RunReportWriter.Write</c> rendered for one run.</summary>
/// <param name="MarkdownPath">The run's <c>run-report.md</c>.</param>
/// <param name="HtmlPath">The run's <c>run-report.html</c> (self-contained: no external assets).</param>
/// <param name="SummaryPath">The run's <c>run-summary.txt</c>: about ten lines for an email or the console.</param>
/// <param name="Warnings">
/// What went wrong without failing the run, e.g. a college's template override that does not parse or render (each
/// naming the file, line and column): the built-in template was used instead.
/// </param>
internal sealed record RunReportFiles(string MarkdownPath, string HtmlPath, string SummaryPath, IReadOnlyList<string> Warnings)
{
    /// <summary>The text of <see cref="SummaryPath"/>, for printing it without reading the file.</summary>
    public string SummaryText { get; init; } = "";
}
