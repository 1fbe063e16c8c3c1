using System.Reflection;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Notifications;
using AlmaIntegrationKit.Reports;
using AlmaIntegrationKit.Results;
using AlmaIntegrationKit.Sources;
using AlmaIntegrationKit.Transfer;
using Microsoft.Extensions.Logging;

namespace AlmaIntegrationKit.Cli;

/// <summary>
/// What <c>run</c> learns on its way (the export's result, the report, an upload failure, an error) and, once it is
/// over, the notice that tells the operators. Notifying never changes the exit code.
/// </summary>
internal sealed class RunNotification
{
    private readonly NotifyOptions _options;

    private RunNotification(NotifyOptions options, bool dryRun)
    {
        _options = options;
        DryRun = dryRun;
    }

    public bool DryRun { get; }

    public ExportResult? Result { get; set; }

    public RunReportFiles? Report { get; set; }

    public string? UploadFailure { get; set; }

    /// <summary>The job a notice names: the college project's name.</summary>
    public static string JobName => Assembly.GetEntryAssembly()?.GetName().Name ?? "AlmaIntegrationKit";

    /// <summary>Reads the <c>Notify</c> settings; their problems are logged now, before the export, and do not stop it.</summary>
    public static RunNotification Prepare(CliContext context, bool dryRun) => new(ReadOptions(context), dryRun);

    /// <summary>The <c>Notify</c> settings, their problems logged (they stop nothing), paths relative to the project.</summary>
    public static NotifyOptions ReadOptions(CliContext context)
    {
        var options = NotifyOptions.Read(context.Configuration, out var problems);
        foreach (var problem in problems)
            context.Logger.LogError("Notifications: {Problem}", problem);
        if (options.SmtpTrustedCertificate is { } certificate)
            options = options with { SmtpTrustedCertificate = context.FullPath(certificate) };
        return options;
    }

    /// <summary>Sends the notice of a run that ended with <paramref name="exitCode"/> or <paramref name="error"/>.</summary>
    public async Task SendAsync(CliContext context, int exitCode, Exception? error, CancellationToken cancellationToken)
    {
        // Ctrl+C is someone at the terminal: they know.
        if (cancellationToken.IsCancellationRequested)
            return;
        var notice = Notice(exitCode, error, context.Time.GetUtcNow());
        await RunNotifier.NotifyAsync(_options, notice, context.Logger, CancellationToken.None).ConfigureAwait(false);
    }

    public RunNotice Notice(int exitCode, Exception? error, DateTimeOffset now)
    {
        var outcome = error is not null ? RunOutcome.Failed
            : Result is null ? (exitCode == ExitCodes.Success ? RunOutcome.Succeeded : RunOutcome.Failed)
            : Result.Aborted ? RunOutcome.Aborted
            : exitCode != ExitCodes.Success ? RunOutcome.UploadFailed
            : RejectPercent(Result.Counts) > _options.RejectWarningPercent ? RunOutcome.RejectsWarning
            : RunOutcome.Succeeded;
        return new RunNotice
        {
            Job = JobName,
            RunName = Result?.RunName,
            Outcome = outcome,
            DryRun = DryRun,
            ExitCode = error is null ? exitCode : ExitCodes.Error,
            Counts = Result?.Counts,
            Summary = Report?.SummaryText is { Length: > 0 } summary ? summary : null,
            Problem = error is null ? UploadFailure : Describe(error),
            ReportPath = Report?.HtmlPath,
            ReportUrl = _options.ReportBaseUrl is { } baseUrl && Result is not null && Report is not null
                ? new Uri(baseUrl, $"{baseUrl.AbsolutePath.TrimEnd('/')}/{Uri.EscapeDataString(Result.RunName)}/{Path.GetFileName(Report.HtmlPath)}")
                : null,
            AtUtc = now,
        };
    }

    private static double RejectPercent(ExportCounts counts) => counts.RowsRead == 0 ? 0 : 100.0 * counts.Rejected / counts.RowsRead;

    /// <summary>The messages written for the college say what to fix; other exceptions are named by type only (the log has the rest).</summary>
    private static string Describe(Exception error) => error switch
    {
        CliException cli => string.Join(" ", cli.Problems),
        SourceConfigurationException or TransferException => error.Message,
        _ => $"an unexpected {error.GetType().Name}; the log and a run with --verbose show the details.",
    };
}
