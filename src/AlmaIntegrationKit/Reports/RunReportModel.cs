namespace AlmaIntegrationKit.Reports;

// The model the report templates see. Templates see every property under its snake_case name (RowsRead is
// rows_read), at the top level for RunReportModel. Values are plain: strings, numbers, booleans and lists of the
// records below; dates, sizes and percentages come formatted (invariant culture). docs/reports.md lists them all.

/// <summary>Everything the run report templates can show about one run.</summary>
internal sealed record RunReportModel
{
    /// <summary>The run's name, e.g. <c>01MAIN_students_20300116T020000Z</c>.</summary>
    public required string RunName { get; init; }

    /// <summary>The source the rows came from (a file or query name).</summary>
    public required string Source { get; init; }

    /// <summary>When the run started, <c>yyyy-MM-dd HH:mm:ss UTC</c>.</summary>
    public required string StartedUtc { get; init; }

    /// <summary>When the run started in the report's time zone, <c>yyyy-MM-dd HH:mm:ss UTC+hh:mm</c>.</summary>
    public required string StartedLocal { get; init; }

    /// <summary>The id of the report's time zone, e.g. <c>Europe/Berlin</c>.</summary>
    public required string TimeZone { get; init; }

    /// <summary>The run date, <c>yyyy-MM-dd</c>.</summary>
    public required string RunDate { get; init; }

    /// <summary><c>full</c> or <c>delta</c>.</summary>
    public required string Mode { get; init; }

    /// <summary>Whether the zips were placed in the outbox.</summary>
    public required bool Placed { get; init; }

    /// <summary>Whether this was a dry run: its zips were written for review and are never placed for Alma.</summary>
    public bool DryRun { get; init; }

    /// <summary>Whether a threshold stopped the run (nothing placed; exit code 2).</summary>
    public required bool Aborted { get; init; }

    /// <summary>Whether the run was placed despite an exceeded threshold (<c>--force</c>).</summary>
    public required bool Forced { get; init; }

    /// <summary>The outcome in words: <c>placed</c>, <c>placed (forced past a threshold)</c>, <c>aborted by a threshold</c> or, for a dry run, <c>dry run: nothing placed</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>The counts of this run.</summary>
    public required ReportCounts Counts { get; init; }

    /// <summary>Users written per user group, in code order (with the last run's figures when known).</summary>
    public required IReadOnlyList<ReportGroup> Groups { get; init; }

    /// <summary>Rejected records per rule of their first problem, in rule order; they add up to the rejected count.</summary>
    public required IReadOnlyList<ReportRule> RejectsByRule { get; init; }

    /// <summary><see cref="Groups"/> as a bar chart.</summary>
    public required ReportBarChart GroupsChart { get; init; }

    /// <summary><see cref="RejectsByRule"/> as a bar chart, with the rules' plain-language names.</summary>
    public required ReportBarChart RulesChart { get; init; }

    /// <summary>The last runs from the state file (at most 30), oldest first, ending with this one.</summary>
    public required IReadOnlyList<ReportHistoryRun> RecentRuns { get; init; }

    /// <summary><see cref="RecentRuns"/> as column charts of users written, rows rejected and leavers.</summary>
    public required ReportHistoryChart HistoryChart { get; init; }

    /// <summary>The first lines of <c>rejects.csv</c> (one per problem).</summary>
    public required IReadOnlyList<ReportRejectLine> RejectLines { get; init; }

    /// <summary>How many lines <see cref="RejectLines"/> holds.</summary>
    public required int RejectLinesShown { get; init; }

    /// <summary>How many lines <c>rejects.csv</c> holds (one per problem, so at least the rejected count).</summary>
    public required long RejectLinesTotal { get; init; }

    /// <summary>Whether there is a last successful run to compare with.</summary>
    public required bool HasPrevious { get; init; }

    /// <summary>The last successful run before this one, or null.</summary>
    public required ReportPreviousRun? Previous { get; init; }

    /// <summary>Whether the last run's users per group are known (its manifest was found), so <see cref="ReportGroup.Change"/> is filled.</summary>
    public required bool PreviousGroupsKnown { get; init; }

    /// <summary>Users written, this run against the last successful run, signed (<c>+3</c>); empty without one.</summary>
    public required string WrittenChange { get; init; }

    /// <summary>Each count against the last successful run (empty without one).</summary>
    public required IReadOnlyList<ReportChange> Changes { get; init; }

    /// <summary>The zips placed in the outbox.</summary>
    public required IReadOnlyList<ReportFile> Files { get; init; }

    /// <summary>The users in all zips: written plus leavers.</summary>
    public required long FilesUsers { get; init; }

    /// <summary>The size of all zips, formatted.</summary>
    public required string FilesSize { get; init; }

    /// <summary>The safety threshold verdicts.</summary>
    public required IReadOnlyList<ReportThreshold> Thresholds { get; init; }

    /// <summary>The name of the run's manifest file.</summary>
    public required string ManifestFile { get; init; }

    /// <summary>The name of the run's rejects file.</summary>
    public required string RejectsFile { get; init; }

    /// <summary>The name of the run's merged-rows file.</summary>
    public required string MergedFile { get; init; }

    /// <summary>The login check's summary (<c>N matched, N missing, N ambiguous</c>) when the run checked the logins (<c>Logins:AuditOnRun</c>), else empty.</summary>
    public string LoginCheck { get; init; } = "";

    /// <summary>The name of the file listing who cannot log in.</summary>
    public string LoginCheckFile { get; init; } = Logins.LoginCheckCsvWriter.FileName;

    /// <summary>Whether <c>job-status</c> recorded an ended run of Alma's SIS job in the state file, so <see cref="AlmaJob"/> is filled.</summary>
    public bool HasAlmaJob { get; init; }

    /// <summary>The latest ended run of Alma's SIS job as <c>job-status</c> last recorded it, or null when none was recorded.</summary>
    public ReportAlmaJob? AlmaJob { get; init; }
}

/// <summary>
/// The latest ended run of Alma's SIS job (the load of an earlier run's files), as <c>job-status</c> recorded it: ids,
/// status, times, counters and what to do. No person is named: Alma's job report has the rejected users.
/// </summary>
internal sealed record ReportAlmaJob
{
    /// <summary>The job id (<c>Alma:SisJobId</c>).</summary>
    public required string JobId { get; init; }

    /// <summary>The run's id, Alma's Process ID in Monitor Jobs.</summary>
    public required string InstanceId { get; init; }

    /// <summary>Its status code, e.g. <c>COMPLETED_SUCCESS</c>, <c>COMPLETED_FAILED</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Its status label, e.g. <c>Completed with errors</c>; empty when Alma gave none.</summary>
    public required string StatusDesc { get; init; }

    /// <summary>Whether the run failed (its status says failed, aborted or stopped).</summary>
    public required bool Failed { get; init; }

    /// <summary>Whether Alma did not load everything: it failed or rejected users.</summary>
    public required bool HadErrors { get; init; }

    /// <summary>The users it rejected or failed to load (the counters that speak of rejects, errors or failures).</summary>
    public required long RejectedUsers { get; init; }

    /// <summary>The verdict in words: <c>failed</c>, <c>failed, 4 user(s) rejected</c>, <c>rejected 4 user(s)</c> or <c>loaded without errors</c>.</summary>
    public required string Verdict { get; init; }

    /// <summary>When it was submitted, <c>yyyy-MM-dd HH:mm:ss UTC</c>; empty when unknown.</summary>
    public required string SubmittedUtc { get; init; }

    /// <summary>The same in the report's time zone; empty when unknown.</summary>
    public required string SubmittedLocal { get; init; }

    /// <summary>When it ended, <c>yyyy-MM-dd HH:mm:ss UTC</c>; empty when unknown.</summary>
    public required string EndedUtc { get; init; }

    /// <summary>The same in the report's time zone; empty when unknown.</summary>
    public required string EndedLocal { get; init; }

    /// <summary>When <c>job-status</c> read it, <c>yyyy-MM-dd HH:mm:ss UTC</c>.</summary>
    public required string RecordedUtc { get; init; }

    /// <summary>The same in the report's time zone.</summary>
    public required string RecordedLocal { get; init; }

    /// <summary>Its counters in Alma's order.</summary>
    public required IReadOnlyList<ReportJobCounter> Counters { get; init; }

    /// <summary>What to do: nothing, or where to look in Alma and whether the next run sends every user again.</summary>
    public required string NextStep { get; init; }
}

/// <summary>One counter of Alma's job run.</summary>
/// <param name="Name">Its label as Alma's job report shows it (the code when Alma gave no label).</param>
/// <param name="Code">Its code, e.g. <c>c.jobs.users.sis.rejected</c>.</param>
/// <param name="Value">Its value.</param>
/// <param name="Rejection">Whether it counts users Alma did not load.</param>
internal sealed record ReportJobCounter(string Name, string Code, long Value, bool Rejection);

/// <summary>The counts of a run. Rows read = written + unchanged + rejected + merged.</summary>
internal sealed record ReportCounts
{
    /// <summary>Records the source gave.</summary>
    public required long RowsRead { get; init; }

    /// <summary>Distinct person_ids among them.</summary>
    public required long People { get; init; }

    /// <summary>Users written from rows.</summary>
    public required long Written { get; init; }

    /// <summary>Users left out of a delta run because unchanged.</summary>
    public required long Unchanged { get; init; }

    /// <summary>Rows rejected.</summary>
    public required long Rejected { get; init; }

    /// <summary>Rows folded into another row of the same person.</summary>
    public required long Merged { get; init; }

    /// <summary>Leavers sent as INACTIVE (on top of the rows).</summary>
    public required long Leavers { get; init; }

    /// <summary>Users the feed holds: written plus unchanged.</summary>
    public required long Users { get; init; }

    /// <summary>Users sent with warnings.</summary>
    public required long WithWarnings { get; init; }

    /// <summary>Whether rows read = written + unchanged + rejected + merged.</summary>
    public required bool AddUp { get; init; }

    /// <summary>The sum in words, e.g. <c>12 rows read = 8 written + 0 unchanged + 3 rejected + 1 merged</c>.</summary>
    public required string Equation { get; init; }
}

/// <summary>One user group.</summary>
/// <param name="Code">The Alma user group code.</param>
/// <param name="Written">Users written in it by this run.</param>
/// <param name="PreviousWritten">Users written in it by the last successful run, or null when unknown.</param>
/// <param name="Change">The difference, signed (<c>+3</c>, <c>0</c>, <c>-2</c>), or empty when unknown.</param>
internal sealed record ReportGroup(string Code, long Written, long? PreviousWritten, string Change);

/// <summary>One reject rule.</summary>
/// <param name="Rule">The rule, e.g. <c>duplicate-id</c>.</param>
/// <param name="Name">The rule in plain language, e.g. <c>ID already used by another person</c> (the code for a rule the runtime does not know).</param>
/// <param name="Records">Records rejected with it as their first problem.</param>
internal sealed record ReportRule(string Rule, string Name, long Records);

/// <summary>One line of <c>rejects.csv</c>: where, whose, which field, which rule, why. No other personal data.</summary>
/// <param name="Source">The source name.</param>
/// <param name="Position"><c>line</c> (of a file) or <c>row</c> (of a query result).</param>
/// <param name="Number">The line or row number.</param>
/// <param name="PersonId">The person_id, or empty.</param>
/// <param name="Path">The field path, e.g. <c>contact_info/emails/email/email_address</c>.</param>
/// <param name="Rule">The rule.</param>
/// <param name="Message">The message.</param>
internal sealed record ReportRejectLine(string Source, string Position, string Number, string PersonId, string Path, string Rule, string Message);

/// <summary>The last successful run before this one.</summary>
/// <param name="RunName">Its name.</param>
/// <param name="StartedUtc">When it started, <c>yyyy-MM-dd HH:mm:ss UTC</c>.</param>
/// <param name="StartedLocal">The same in the report's time zone.</param>
/// <param name="Mode"><c>full</c> or <c>delta</c>.</param>
/// <param name="Counts">Its counts.</param>
internal sealed record ReportPreviousRun(string RunName, string StartedUtc, string StartedLocal, string Mode, ReportCounts Counts);

/// <summary>One count against the last successful run.</summary>
/// <param name="Name">What is counted, e.g. <c>users</c>, <c>rows read</c>, or a user group code.</param>
/// <param name="Previous">The last run's figure.</param>
/// <param name="Current">This run's figure.</param>
/// <param name="Difference">Current minus previous.</param>
/// <param name="Change">The difference, signed: <c>+3</c>, <c>0</c>, <c>-2</c>.</param>
internal sealed record ReportChange(string Name, long Previous, long Current, long Difference, string Change);

/// <summary>One zip.</summary>
/// <param name="Name">Its file name.</param>
/// <param name="SizeBytes">Its size in bytes.</param>
/// <param name="Size">Its size, formatted (<c>3.2 KiB</c>).</param>
/// <param name="Sha256">The SHA-256 of its bytes, lowercase hex.</param>
/// <param name="Users">The users in it.</param>
/// <param name="XmlFiles">The XML files in it.</param>
internal sealed record ReportFile(string Name, long SizeBytes, string Size, string Sha256, long Users, long XmlFiles);

/// <summary>One safety threshold verdict.</summary>
/// <param name="Name">The threshold, e.g. <c>Safety:MaxRejectPercent</c>.</param>
/// <param name="Limit">The limit, formatted (<c>5 %</c>).</param>
/// <param name="Actual">What the run measured, formatted (<c>2.5 %</c>).</param>
/// <param name="Passed">Whether the run stayed within the limit.</param>
/// <param name="Verdict"><c>pass</c> or <c>fail</c>.</param>
/// <param name="Forced">Whether the run went ahead despite this threshold (<c>--force</c>).</param>
/// <param name="Message">The verdict in words.</param>
internal sealed record ReportThreshold(string Name, string Limit, string Actual, bool Passed, string Verdict, bool Forced, string Message);
