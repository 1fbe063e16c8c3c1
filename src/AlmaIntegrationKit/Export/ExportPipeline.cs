using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.Results;
using AlmaIntegrationKit.Sources;
using AlmaIntegrationKit.State;

namespace AlmaIntegrationKit.Export;

/// <summary>
/// The nightly export: canonical rows in, validated and de-duplicated Alma SIS zips out, every row accounted for as
/// written, unchanged (delta), rejected or merged.
/// </summary>
/// <remarks>
/// <para>Two passes over the source. The first (<see cref="MergePlan"/>) decides, per person_id, which row wins
/// (highest user-group weight). The second (<see cref="SecondPass{TUser}"/>) decides each row as it streams by, by the
/// merge rule (<see cref="MergeDecision{TUser}"/>: the person's best valid row is written) and the per-row rules of
/// <see cref="RowDecision{TUser}"/>, and records the outcomes on a second thread
/// (<see cref="OutcomeRecorder{TUser}"/>: the delta comparison, the zip, the state file, the reject files). Leavers
/// come last (<see cref="LeaverSend{TUser}"/>), then the safety thresholds (<see cref="SafetyCheck"/>).</para>
/// <para>Memory does not grow with the feed: no user is held after it is written, and the per-person tables (the
/// first pass's rows by person, the second's primary_id and identifier values, the rows that wait for a better row of
/// their person) live in temporary spill files with a fixed amount of memory in front of them (<see cref="MergePlan"/>,
/// <see cref="FeedIdRegistry"/>, <see cref="WaitingRows"/>); only the rows of people in several rows are kept, a few
/// dozen bytes each.</para>
/// <para>Zips are written under temporary names; they are renamed into the outbox only when no threshold is
/// exceeded (or <see cref="ExportOptions.Force"/>), and only then is the state file changed.</para>
/// </remarks>
/// <typeparam name="TUser">The generated user type.</typeparam>
internal sealed class ExportPipeline<TUser>
    where TUser : class, IAlmaUser
{
    private readonly IAlmaSchema<TUser> _schema;
    private readonly UserGroupMap _map;
    private readonly IPatronMapper<TUser> _mapper;
    private readonly ExportOptions _options;

    /// <summary>A pipeline for the generated <paramref name="schema"/>, the college's <paramref name="map"/> and <paramref name="mapper"/>.</summary>
    public ExportPipeline(IAlmaSchema<TUser> schema, UserGroupMap map, IPatronMapper<TUser> mapper, ExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(mapper);
        ArgumentNullException.ThrowIfNull(options);
        options.Check();
        _schema = schema;
        _map = map;
        _mapper = mapper;
        _options = options;
    }

    /// <summary>Runs the export of <paramref name="source"/>.</summary>
    /// <exception cref="SourceConfigurationException">The source cannot be read; nothing was written.</exception>
    public async Task<ExportResult> RunAsync(IPatronSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);

        // An existing state file is opened while the first pass reads: opening it folds the last run's write-ahead log
        // into it, disk writes waited for (ExportStateStore), and what the run compares users with is read ahead. A new
        // one is created only once the source has been read.
        var opening = _options.StatePath is { } existing && File.Exists(existing)
            ? Task.Run(() => ExportStateStore.OpenForRun(existing, _options.Feed), cancellationToken)
            : null;
        MergePlan plan;
        try
        {
            plan = await MergePlan.BuildAsync(source, _map, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (opening is not null)
                await CloseQuietly(opening).ConfigureAwait(false);
            throw;
        }

        var runName = _options.RunName;
        var reportDirectory = _options.ReportDirectory ?? Path.Combine(_options.OutboxDirectory, runName);
        Directory.CreateDirectory(reportDirectory);
        var rejectsPath = Path.Combine(reportDirectory, RejectsCsvWriter.FileName);
        var mergedPath = Path.Combine(reportDirectory, MergedCsvWriter.FileName);
        var manifestPath = Path.Combine(reportDirectory, RunManifest.FileName);

        using var store = opening is not null ? await opening.ConfigureAwait(false)
            : _options.StatePath is null ? null : ExportStateStore.Open(_options.StatePath, _options.Feed);
        using var stateRun = store?.BeginRun();
        using var packager = new ZipPackager<TUser>(_schema, new PackagingOptions
        {
            OutboxDirectory = _options.OutboxDirectory,
            InstitutionCode = _options.InstitutionCode,
            Profile = _options.Profile,
            RunName = runName,
            RunDate = _options.EffectiveRunDate,
            UsersPerFile = _options.UsersPerFile,
            XmlFilesPerZip = _options.XmlFilesPerZip,
        });

        using var ids = new FeedIdRegistry(plan.People);
        using var decision = new MergeDecision<TUser>(new RowDecision<TUser>(_schema, _map, _mapper, _options, ids), plan);
        OutcomeRecorder<TUser> recorder;
        IReadOnlyList<string> notices = [];
        using (var rejects = new RejectsCsvWriter(rejectsPath))
        using (var merged = new MergedCsvWriter(mergedPath))
        {
            recorder = new OutcomeRecorder<TUser>(_options, packager, stateRun, rejects, merged);
            using (var pass = new SecondPass<TUser>(decision, recorder))
                await pass.RunAsync(source, cancellationToken).ConfigureAwait(false);
            if (stateRun is not null && _options.Leavers == LeaverPolicy.SendInactive)
                notices = new LeaverSend<TUser>(_schema, _map, _options, ids).Send(stateRun, packager, decision.Tally.RejectedWithoutPersonId, recorder.Tally);
        }

        if (decision.Tally.RowsRead != plan.RowsRead)
            throw new InvalidOperationException(
                $"The source '{source.Name}' gave {plan.RowsRead} records on the first read and {decision.Tally.RowsRead} on the second: it must give the same rows in the same order on each read.");

        var counts = recorder.Tally.Combine(decision.Tally, plan.People);
        var thresholds = SafetyCheck.Evaluate(counts, store?.LastSuccessfulRun()?.Users, _options.Safety);
        var exceeded = thresholds.Any(t => t.Exceeded);
        var aborted = exceeded && !_options.Force;

        IReadOnlyList<PackagedZip> zips;
        var record = RunRecord.From(stateRun?.RunId ?? 0, runName, _options.StartedUtc, _options.Mode, succeeded: !aborted, counts);
        if (aborted)
        {
            packager.Discard();
            zips = [];
            stateRun?.Dispose();
            store?.RecordRun(record);
        }
        else
        {
            zips = packager.Place();
            stateRun?.Commit(record, zips);
        }

        new RunManifest
        {
            RunName = runName,
            Source = source.Name,
            StartedUtc = _options.StartedUtc,
            RunDate = _options.EffectiveRunDate,
            Mode = _options.Mode,
            Placed = !aborted && !_options.DryRun,
            DryRun = _options.DryRun,
            Forced = exceeded && _options.Force,
            Counts = counts,
            WrittenByUserGroup = new SortedDictionary<string, long>(recorder.Tally.WrittenByGroup, StringComparer.Ordinal),
            RejectedByRule = recorder.Tally.RejectedByRuleWith(decision.Tally),
            Thresholds = thresholds,
            Zips = zips.Select(z => new ManifestZip(z.FileName, z.SizeBytes, z.Sha256, z.UserCount, z.XmlFileCount)).ToList(),
            Versions = BuildVersions.Of(_schema),
        }.WriteTo(manifestPath);

        return new ExportResult
        {
            RunName = runName,
            Aborted = aborted,
            Counts = counts,
            Thresholds = thresholds,
            Zips = zips,
            ManifestPath = manifestPath,
            RejectsPath = rejectsPath,
            MergedPath = mergedPath,
            Notices = notices,
        };
    }

    /// <summary>Closes the state file opened for a run that failed before it needed it; a failure to open it is not the one to report.</summary>
    private static async Task CloseQuietly(Task<ExportStateStore> opening)
    {
        try
        {
            (await opening.ConfigureAwait(false)).Dispose();
        }
#pragma warning disable CA1031 // the run is already failing for the reason the caller rethrows
        catch (Exception)
        {
        }
#pragma warning restore CA1031
    }
}
