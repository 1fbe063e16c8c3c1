using System.Globalization;
using AlmaIntegrationKit.AlmaApi;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.Results;
using AlmaIntegrationKit.State;
using CsvHelper;

namespace AlmaIntegrationKit.Reports;

/// <summary>Builds the <see cref="RunReportModel"/> of a run from its result, manifest, rejects file and the last successful run.</summary>
internal static class RunReportModelBuilder
{
    /// <summary>The reject lines the report shows by default.</summary>
    public const int DefaultRejectLines = 20;

    /// <summary>
    /// The model of <paramref name="result"/>: reads its manifest and the first <paramref name="maxRejectLines"/> lines
    /// of its rejects file; compares with <paramref name="previous"/>, whose per-group figures come from its manifest
    /// when that lies beside this run's report folder (the default layout, <c>outbox/&lt;run name&gt;/manifest.json</c>).
    /// What could not be read is added to <paramref name="warnings"/>.
    /// </summary>
    public static RunReportModel Build(ExportResult result, RunRecord? previous, int maxRejectLines, ICollection<string> warnings) =>
        Build(result, new RunReportOptions { PreviousSuccessfulRun = previous, MaxRejectLines = maxRejectLines }, warnings);

    /// <summary>
    /// As <see cref="Build(ExportResult, RunRecord?, int, ICollection{string})"/> with everything
    /// <paramref name="options"/> gives: the previous run, the last runs for the history chart and the time zone.
    /// </summary>
    public static RunReportModel Build(ExportResult result, RunReportOptions options, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(warnings);
        var previous = options.PreviousSuccessfulRun;
        var maxRejectLines = options.MaxRejectLines;
        var manifest = RunManifest.ReadFrom(result.ManifestPath);
        if (previous is not null && string.Equals(previous.RunName, result.RunName, StringComparison.Ordinal))
        {
            warnings.Add($"The previous run given for the report is this run ({result.RunName}); it is not compared with itself.");
            previous = null;
        }

        var previousManifest = previous is null ? null : FindPreviousManifest(result.ManifestPath, previous.RunName, warnings);
        var (rejectLines, rejectLinesTotal) = ReadRejects(result.RejectsPath, Math.Max(0, maxRejectLines), warnings);
        var model = Build(result, manifest, previous, previousManifest, rejectLines, rejectLinesTotal, options.RecentRuns, options.TimeZone);
        return options.LastAlmaJobRun is { } job
            ? model with { HasAlmaJob = true, AlmaJob = AlmaJob(job, options.FullAfterAlmaErrors, options.TimeZone) }
            : model;
    }

    /// <summary>
    /// The report's view of Alma's job run <paramref name="run"/>: times in UTC and in <paramref name="timeZone"/>, the
    /// verdict, and what to do, which depends on <paramref name="fullAfterAlmaErrors"/> (<c>Export:FullAfterAlmaErrors</c>).
    /// </summary>
    public static ReportAlmaJob AlmaJob(RecordedJobRun run, bool fullAfterAlmaErrors, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(timeZone);
        return new ReportAlmaJob
        {
            JobId = run.JobId,
            InstanceId = run.InstanceId,
            Status = run.Status,
            StatusDesc = run.StatusDesc ?? "",
            Failed = run.Failed,
            HadErrors = run.HadErrors,
            RejectedUsers = run.RejectedUsers,
            Verdict = run.Verdict,
            SubmittedUtc = run.SubmittedUtc is { } submitted ? Time(submitted) : "",
            SubmittedLocal = run.SubmittedUtc is { } submittedAt ? LocalTime(submittedAt, timeZone) : "",
            EndedUtc = run.EndedUtc is { } ended ? Time(ended) : "",
            EndedLocal = run.EndedUtc is { } endedAt ? LocalTime(endedAt, timeZone) : "",
            RecordedUtc = Time(run.RecordedUtc),
            RecordedLocal = LocalTime(run.RecordedUtc, timeZone),
            Counters = run.Counters.Select(c => new ReportJobCounter(c.Desc ?? c.Type, c.Type, c.Value, c.IsRejection)).ToList(),
            NextStep = run.NextStep(fullAfterAlmaErrors),
        };
    }

    /// <summary>
    /// The model from what has been read already; <paramref name="recentRuns"/> (from the state file, any order) feed the
    /// chart of the last runs, and the local times are in <paramref name="timeZone"/>.
    /// </summary>
    public static RunReportModel Build(ExportResult result, RunManifest manifest, RunRecord? previous, RunManifest? previousManifest,
        IReadOnlyList<ReportRejectLine> rejectLines, long rejectLinesTotal, IReadOnlyList<RunRecord> recentRuns, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(rejectLines);
        ArgumentNullException.ThrowIfNull(recentRuns);
        ArgumentNullException.ThrowIfNull(timeZone);
        var counts = Counts(result.Counts);
        var forced = manifest.Forced;
        var previousGroups = previousManifest?.WrittenByUserGroup;

        var groupCodes = new SortedSet<string>(manifest.WrittenByUserGroup.Keys, StringComparer.Ordinal);
        if (previousGroups is not null)
            groupCodes.UnionWith(previousGroups.Keys);
        var groups = groupCodes.Select(code =>
        {
            var written = manifest.WrittenByUserGroup.GetValueOrDefault(code);
            long? before = previousGroups is null ? null : previousGroups.GetValueOrDefault(code);
            return new ReportGroup(code, written, before, before is null ? "" : Signed(written - before.Value));
        }).ToList();

        var changes = new List<ReportChange>();
        ReportPreviousRun? previousRun = null;
        if (previous is not null)
        {
            var before = Counts(previous);
            previousRun = new ReportPreviousRun(previous.RunName, Time(previous.StartedUtc), LocalTime(previous.StartedUtc, timeZone),
                previous.Mode.ToLowerInvariant(), before);
            changes.Add(Change("users", before.Users, counts.Users));
            changes.Add(Change("rows read", before.RowsRead, counts.RowsRead));
            changes.Add(Change("people", before.People, counts.People));
            changes.Add(Change("written", before.Written, counts.Written));
            changes.Add(Change("unchanged", before.Unchanged, counts.Unchanged));
            changes.Add(Change("rejected", before.Rejected, counts.Rejected));
            changes.Add(Change("merged", before.Merged, counts.Merged));
            changes.Add(Change("leavers", before.Leavers, counts.Leavers));
        }

        var files = result.Zips.Select(z => new ReportFile(z.FileName, z.SizeBytes, Size(z.SizeBytes), z.Sha256, z.UserCount, z.XmlFileCount)).ToList();
        var thresholds = result.Thresholds.Select(t => new ReportThreshold(t.Name, Percent(t.LimitPercent), Percent(t.ActualPercent),
            !t.Exceeded, t.Exceeded ? "fail" : "pass", t.Exceeded && forced, t.Message)).ToList();

        var rules = manifest.RejectedByRule.OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new ReportRule(r.Key, ReportRuleNames.Describe(r.Key), r.Value)).ToList();
        var history = History(result, manifest, recentRuns, timeZone);
        return new RunReportModel
        {
            RunName = result.RunName,
            Source = manifest.Source,
            StartedUtc = Time(manifest.StartedUtc),
            RunDate = manifest.RunDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Mode = manifest.Mode == ExportMode.Delta ? "delta" : "full",
            Placed = !result.Aborted && !manifest.DryRun,
            DryRun = manifest.DryRun,
            Aborted = result.Aborted,
            Forced = forced,
            Outcome = Outcome(result.Aborted, forced, manifest.DryRun),
            Counts = counts,
            Groups = groups,
            RejectsByRule = rules,
            StartedLocal = LocalTime(manifest.StartedUtc, timeZone),
            TimeZone = timeZone.Id,
            GroupsChart = ReportChartBuilder.Bars(groups.Select(g => (g.Code, "", g.Written))),
            RulesChart = ReportChartBuilder.Bars(rules.Select(r => (r.Rule, r.Name, r.Records))),
            RecentRuns = history.Select(h => h.Run).ToList(),
            HistoryChart = ReportChartBuilder.History(history.Select(h => h.Run).ToList(), history.Select(h => h.StartedUtc).ToList()),
            RejectLines = rejectLines,
            RejectLinesShown = rejectLines.Count,
            RejectLinesTotal = rejectLinesTotal,
            HasPrevious = previousRun is not null,
            Previous = previousRun,
            PreviousGroupsKnown = previousGroups is not null,
            WrittenChange = previous is null ? "" : Signed(counts.Written - previous.Written),
            Changes = changes,
            Files = files,
            FilesUsers = files.Sum(f => f.Users),
            FilesSize = Size(files.Sum(f => f.SizeBytes)),
            Thresholds = thresholds,
            ManifestFile = Path.GetFileName(result.ManifestPath),
            RejectsFile = Path.GetFileName(result.RejectsPath),
            MergedFile = Path.GetFileName(result.MergedPath),
            LoginCheck = Logins.LoginCheckCsvWriter.ReadSummary(Path.GetDirectoryName(Path.GetFullPath(result.ManifestPath))!),
        };
    }

    // The last runs, oldest first, ending with this one: from the state when it holds the run (it does after the run),
    // else this run is added from its own counts.
    private static List<(ReportHistoryRun Run, DateTimeOffset StartedUtc)> History(ExportResult result, RunManifest manifest,
        IReadOnlyList<RunRecord> recentRuns, TimeZoneInfo zone)
    {
        var runs = recentRuns.Where(r => !string.Equals(r.RunName, result.RunName, StringComparison.Ordinal))
            .OrderByDescending(r => r.Id).Take(ReportChartBuilder.HistoryRuns - 1).Reverse()
            .Select(r => (new ReportHistoryRun(r.RunName, Time(r.StartedUtc), LocalTime(r.StartedUtc, zone), r.Mode.ToLowerInvariant(),
                r.Succeeded, false, r.Written, r.Rejected, r.LeaversWritten), r.StartedUtc))
            .ToList();
        var c = result.Counts;
        runs.Add((new ReportHistoryRun(result.RunName, Time(manifest.StartedUtc), LocalTime(manifest.StartedUtc, zone),
            manifest.Mode == ExportMode.Delta ? "delta" : "full", manifest.Placed, true, c.Written, c.Rejected, c.LeaversWritten), manifest.StartedUtc));
        return runs;
    }

    private static string Outcome(bool aborted, bool forced, bool dryRun) => (aborted, forced, dryRun) switch
    {
        (true, _, true) => "dry run: would be aborted by a threshold",
        (true, _, false) => "aborted by a threshold",
        (false, true, true) => "dry run: nothing placed (a real run would need --force)",
        (false, false, true) => "dry run: nothing placed",
        (false, true, false) => "placed (forced past a threshold)",
        (false, false, false) => "placed",
    };

    private static RunManifest? FindPreviousManifest(string manifestPath, string previousRunName, ICollection<string> warnings)
    {
        var reportFolder = Path.GetDirectoryName(Path.GetFullPath(manifestPath));
        var runsFolder = reportFolder is null ? null : Path.GetDirectoryName(reportFolder);
        if (runsFolder is null || previousRunName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            return null;
        var path = Path.Combine(runsFolder, previousRunName, RunManifest.FileName);
        if (!File.Exists(path))
            return null;
        try
        {
            var manifest = RunManifest.ReadFrom(path);
            return string.Equals(manifest.RunName, previousRunName, StringComparison.Ordinal) ? manifest : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidDataException)
        {
            warnings.Add($"The last run's manifest '{path}' could not be read ({exception.Message}); the report shows no changes per user group.");
            return null;
        }
    }

    private static (List<ReportRejectLine> Lines, long Total) ReadRejects(string path, int max, ICollection<string> warnings)
    {
        var lines = new List<ReportRejectLine>();
        long total = 0;
        if (!File.Exists(path))
        {
            warnings.Add($"The rejects file '{path}' is missing; the report lists no reject lines.");
            return (lines, 0);
        }

        try
        {
            using var reader = new StreamReader(path);
            ReadRejects(reader, max, lines, ref total);
        }
        catch (Exception exception) when (exception is IOException or CsvHelperException)
        {
            warnings.Add($"The rejects file '{path}' could not be read ({exception.Message}); the report lists the lines read before.");
        }

        return (lines, total);
    }

    /// <summary>Adds the first <paramref name="max"/> reject lines of <paramref name="reader"/> to <paramref name="lines"/>, counting all in <paramref name="total"/>.</summary>
    internal static void ReadRejects(TextReader reader, int max, List<ReportRejectLine> lines, ref long total)
    {
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture, leaveOpen: true);
        if (!csv.Read())
            return;
        csv.ReadHeader();
        while (csv.Read())
        {
            total++;
            if (lines.Count < max)
            {
                // The writer put an apostrophe before cells a spreadsheet would take for a formula; the report shows the value.
                string Field(string name) => ReportCsvFile.Original(csv.GetField(name) ?? "");
                lines.Add(new ReportRejectLine(Field("source"), csv.GetField("position") ?? "", csv.GetField("number") ?? "",
                    Field("person_id"), Field("path"), Field("rule"), Field("message")));
            }
        }
    }

    private static ReportCounts Counts(ExportCounts c) =>
        Counts(c.RowsRead, c.People, c.Written, c.Unchanged, c.Rejected, c.Merged, c.LeaversWritten, c.WithWarnings);

    private static ReportCounts Counts(RunRecord r) =>
        Counts(r.RowsRead, r.People, r.Written, r.Unchanged, r.Rejected, r.Merged, r.LeaversWritten, 0);

    private static ReportCounts Counts(long rows, long people, long written, long unchanged, long rejected, long merged, long leavers, long warnings) => new()
    {
        RowsRead = rows,
        People = people,
        Written = written,
        Unchanged = unchanged,
        Rejected = rejected,
        Merged = merged,
        Leavers = leavers,
        Users = written + unchanged,
        WithWarnings = warnings,
        AddUp = rows == written + unchanged + rejected + merged,
        Equation = $"{N(rows)} rows read {(rows == written + unchanged + rejected + merged ? "=" : "≠")} {N(written)} written + {N(unchanged)} unchanged + {N(rejected)} rejected + {N(merged)} merged",
    };

    private static ReportChange Change(string name, long before, long now) => new(name, before, now, now - before, Signed(now - before));

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Signed(long value) => value > 0 ? "+" + N(value) : N(value);

    internal static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>
    /// <paramref name="value"/> in <paramref name="zone"/>, with the offset from UTC: <c>2030-01-16 03:00:00 UTC+01:00</c>.
    /// </summary>
    internal static string LocalTime(DateTimeOffset value, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(value, zone);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" + sign + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
    }

    internal static string Percent(double value) => value.ToString("0.##", CultureInfo.InvariantCulture) + " %";

    internal static string Size(long bytes) => bytes switch
    {
        < 1024 => N(bytes) + " B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KiB",
        < 1024L * 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB",
        _ => (bytes / (1024.0 * 1024 * 1024)).ToString("0.##", CultureInfo.InvariantCulture) + " GiB",
    };
}
