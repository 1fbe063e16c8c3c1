using System.Globalization;
using AlmaIntegrationKit.AlmaApi;
using AlmaIntegrationKit.Cli.Startup;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.Reports;
using AlmaIntegrationKit.Results;
using AlmaIntegrationKit.Sources;
using AlmaIntegrationKit.State;
using AlmaIntegrationKit.Transfer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace AlmaIntegrationKit.Cli;

/// <summary>
/// <c>run</c>: export from the configured source into the outbox, write the reports, and (without <c>--dry-run</c>)
/// upload the new zips and record their placements. Exit 0, 2 when a threshold aborted the run, 1 on any error.
/// </summary>
internal sealed class RunCommand<TUser>(IAlmaSchema<TUser> schema, UserGroupMap map, IPatronMapper<TUser> mapper)
    where TUser : class, IAlmaUser
{
    /// <summary>The folder inside the outbox a dry run writes to unless <c>--out</c> says otherwise.</summary>
    public const string DryRunFolder = "dry-run";

    public sealed record Flags(bool DryRun, ExportMode? Mode, string? Input, string? Out, bool Force);

    public async Task<int> ExecuteAsync(CliContext context, Flags flags, CancellationToken cancellationToken)
    {
        var notification = RunNotification.Prepare(context, flags.DryRun);
        int exitCode;
        try
        {
            exitCode = await ExecuteAsync(context, flags, notification, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await notification.SendAsync(context, ExitCodes.Error, exception, cancellationToken).ConfigureAwait(false);
            throw;
        }

        await notification.SendAsync(context, exitCode, null, cancellationToken).ConfigureAwait(false);
        return exitCode;
    }

    private async Task<int> ExecuteAsync(CliContext context, Flags flags, RunNotification notification, CancellationToken cancellationToken)
    {
        var settings = ExportSettings.Read(context, flags.Input, flags.Out, flags.Mode);
        settings = FullAfterAlmaErrors.Apply(context, settings, flags.Mode);
        var outbox = flags.DryRun && flags.Out is null ? Path.Combine(settings.Outbox, DryRunFolder) : settings.Outbox;

        // Check the upload settings before spending time on the export.
        var transfer = flags.DryRun ? null : TransferSetup.Service(context);

        // Dry runs lock their folder too: the clean-up must not remove the temporary zips of a run still writing them.
        using var outboxLock = OutboxLock.Take(outbox);
        using var stateLock = flags.DryRun ? null : StateFileLock.Take(settings.StateFile);
        OutboxCleanup.CleanAndReport(context, outbox, settings.KeepDays);
        if (!flags.DryRun)
            OutboxCleanup.CleanDryRuns(context, Path.Combine(settings.Outbox, DryRunFolder), settings.KeepDays);

        // A dry run measures against the real state but must not change it: it works on a copy.
        using var dryRunCopy = flags.DryRun ? DryRunStateCopy.Create(settings.StateFile, Path.GetTempPath()) : null;
        try
        {
            var statePath = dryRunCopy?.StatePath ?? settings.StateFile;
            RunRecord? previous = null;
            IReadOnlyList<RunRecord> recentRuns = [];
            RecordedJobRun? lastAlmaJobRun = null;
            var mode = settings.Mode;
            if (File.Exists(statePath))
            {
                lastAlmaJobRun = LastAlmaJobRun(context, statePath);
                // Read before the run (the report adds this run from its own counts); a command's open of the state
                // leaves the log of the runs before to the export's own open, which folds it while the first pass reads.
                using var store = ExportStateStore.Open(statePath, settings.Feed);
                DeliveryStep.Placeable(context, store, settings.Outbox); // before the export, which compares with what is pending
                previous = store.LastSuccessfulRun();
                recentRuns = store.RecentRuns(30);
                mode = ModeOf(context, settings, flags, store);
            }
            else if (settings.FullRunEvery is not null && flags.Mode is null)
            {
                mode = ExportMode.Full; // the first run of a feed is a full run
            }

            var options = new ExportOptions
            {
                InstitutionCode = settings.InstitutionCode,
                Profile = settings.Profile,
                OutboxDirectory = outbox,
                StatePath = statePath,
                StartedUtc = TruncateToSeconds(context.Time.GetUtcNow()),
                UsersPerFile = settings.UsersPerFile,
                MatchId = settings.MatchId,
                Mode = mode,
                Leavers = settings.Leavers,
                AlmaEnvironment = settings.Feed.Environment,
                StatusMap = settings.StatusMap,
                ExpiredActive = settings.ExpiredActive,
                Safety = settings.Safety,
                Force = flags.Force,
                DryRun = flags.DryRun,
                Constants = settings.Constants,
            };
            var source = settings.CreateSource(context.Providers);
            context.Logger.LogInformation("Run {RunName}: {Mode} export of {Source}{DryRun}", options.RunName, options.Mode, source.Name,
                flags.DryRun ? " (dry run: nothing is uploaded and the state file is not changed)" : "");

            var profileFolder = context.UseJitProfile && Path.GetDirectoryName(settings.StateFile) is { Length: > 0 } stateFolder ? stateFolder : null;
            context.Logger.LogDebug(StartupCompilation.Begin(profileFolder, schema, mapper, source)
                ? "Compiling ahead from the last run's profile in {Folder}"
                : "No profile of this build in {Folder}: warming up (and recording one for the next run)", profileFolder ?? "(none)");

            ExportResult result;
            try
            {
                var pipeline = new ExportPipeline<TUser>(schema, map, mapper, options);
                result = await ProgressDisplay.StatusAsync(context, $"Exporting {source.Name}…", () => pipeline.RunAsync(source, cancellationToken))
                    .ConfigureAwait(false);
            }
            catch (SourceConfigurationException exception)
            {
                throw new CliException($"The source could not be read: {exception.Message} Nothing was written or sent.");
            }

            notification.Result = result;
            if (source.LastReadColumns?.DescribeUnread() is { } unread)
                context.Logger.LogInformation("{UnreadColumns}", unread);
            cancellationToken.ThrowIfCancellationRequested();
            context.Logger.LogInformation(
                "Run {RunName}: {Rows} rows, {People} people: {Written} written, {Unchanged} unchanged, {Rejected} rejected, {Merged} merged, {Leavers} leavers sent",
                result.RunName, result.Counts.RowsRead, result.Counts.People, result.Counts.Written, result.Counts.Unchanged,
                result.Counts.Rejected, result.Counts.Merged, result.Counts.LeaversWritten);
            WriteSummary(context, result, flags.DryRun);
            await new CheckLoginsCommand<TUser>(map, mapper).AuditRunAsync(context, settings, Path.GetDirectoryName(result.ManifestPath)!, cancellationToken).ConfigureAwait(false);
            notification.Report = WriteReport(context, result, new RunReportOptions
            {
                PreviousSuccessfulRun = previous,
                RecentRuns = recentRuns,
                TemplateFolder = settings.TemplateFolder,
                LastAlmaJobRun = lastAlmaJobRun,
                FullAfterAlmaErrors = context.Configuration.GetValue(FullAfterAlmaErrors.Setting, false),
            });

            if (result.Aborted)
            {
                foreach (var verdict in result.Thresholds.Where(t => t.Exceeded))
                    context.Err.WriteLine($"Aborted by {verdict.Name}: {verdict.Message}");
                context.Err.WriteLine("Nothing was placed in the outbox or uploaded, and the state file keeps the last successful run. " +
                    "Fix the cause (see rejects.csv and the run report), or run again with --force to send anyway.");
                context.Logger.LogWarning("Run {RunName} aborted by a safety threshold", result.RunName);
                return ExitCodes.Aborted;
            }

            if (transfer is null)
                return ExitCodes.Success;
            return await DeliveryStep.PlaceAsync(context, transfer, statePath, settings.Feed, outbox, result.RunName, cancellationToken,
                failure => notification.UploadFailure = failure)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Under the outbox lock: this run's unfinished report folder goes with it (its zips went on dispose).
            OutboxCleanup.Clean(outbox, keepDays: 0, context.Time.GetUtcNow());
            throw;
        }
        catch (Microsoft.Data.Sqlite.SqliteException exception)
        {
            throw ExportStateStore.Explain(settings.StateFile, exception);
        }
    }

    /// <summary>
    /// The mode of this run: <c>--full</c>/<c>--delta</c> when given; else the settings' mode, except that a delta
    /// schedule with <c>Export:FullRunEvery</c> runs in full when the last delivered full run is older than that.
    /// </summary>
    private static ExportMode ModeOf(CliContext context, ExportSettings settings, Flags flags, ExportStateStore store)
    {
        if (flags.Mode is not null || settings.Mode == ExportMode.Full || settings.FullRunEvery is not { } every)
            return settings.Mode;
        var lastFull = store.LastDeliveredFullRunUtc();
        var today = DateOnly.FromDateTime(context.Time.GetUtcNow().UtcDateTime);
        if (lastFull is { } last && every.AddTo(DateOnly.FromDateTime(last.UtcDateTime)) > today)
            return ExportMode.Delta;
        context.Logger.LogInformation("A full run: the last delivered full run was {Last} and Export:FullRunEvery is {Every}",
            lastFull?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "never", every);
        return ExportMode.Full;
    }

    /// <summary>
    /// The latest ended run of Alma's SIS job that <c>job-status</c> recorded, for the report; null when none was (no
    /// API configured, or <c>job-status</c> never ran). The report is no reason to fail a run: a state that cannot say
    /// is a warning.
    /// </summary>
    private static RecordedJobRun? LastAlmaJobRun(CliContext context, string statePath)
    {
        try
        {
            return JobStatusStore.ReadLatestEnded(statePath);
        }
        catch (Microsoft.Data.Sqlite.SqliteException exception)
        {
            context.Logger.LogWarning("Alma's last SIS job could not be read from the state file for the run report: {Message}", exception.Message);
            return null;
        }
    }

    private static RunReportFiles? WriteReport(CliContext context, ExportResult result, RunReportOptions options)
    {
        try
        {
            var report = RunReportWriter.Write(result, options);
            foreach (var warning in report.Warnings)
                context.Logger.LogWarning("Run report: {Warning}", warning);
            context.Out.WriteLine($"  report     {report.HtmlPath}");
            return report;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The zips and manifest are what Alma and the operator need; a report that fails does not fail the run.
            context.Logger.LogWarning("The run report could not be written: {Message}", exception.Message);
            return null;
        }
    }

    private static void WriteSummary(CliContext context, ExportResult result, bool dryRun)
    {
        var c = result.Counts;
        var o = context.Out;
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Run {result.RunName}{(dryRun ? " (dry run)" : "")}: {(result.Aborted ? "ABORTED" : "done")}"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  rows read  {c.RowsRead} ({c.People} people): {c.Written} written, {c.Unchanged} unchanged, {c.Rejected} rejected, {c.Merged} merged; {c.LeaversWritten} leavers sent"));
        foreach (var verdict in result.Thresholds)
            o.WriteLine($"  {(verdict.Exceeded ? "EXCEEDED" : "ok")}  {verdict.Name}: {verdict.Message}");
        foreach (var zip in result.Zips)
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  zip        {zip.FullPath} ({zip.UserCount} users, {ByteSize.Format(zip.SizeBytes)})"));
        o.WriteLine($"  manifest   {result.ManifestPath}");
        if (c.Rejected > 0)
            o.WriteLine($"  rejects    {result.RejectsPath}");
        if (c.Merged > 0)
            o.WriteLine($"  merged     {result.MergedPath}");
        foreach (var notice in result.Notices)
            o.WriteLine($"  NOTE       {notice}");
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset time) =>
        new(time.UtcDateTime.Ticks - time.UtcDateTime.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
