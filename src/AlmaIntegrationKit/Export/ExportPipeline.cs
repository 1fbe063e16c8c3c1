using System.Runtime.CompilerServices;
using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.Sources;
using AlmaIntegrationKit.State;

namespace AlmaIntegrationKit.Export;

/// <summary>
/// The nightly export: canonical rows in, validated and de-duplicated Alma SIS zips out, every row accounted for as
/// written, unchanged (delta), rejected or merged.
/// </summary>
/// <remarks>
/// <para>Two passes over the source. The first (<see cref="MergePlan"/>) decides, per person_id, which row wins
/// (highest user-group weight). The second maps, checks and writes each winning row as it streams by: user-group
/// rule (unknown patron type rejected with a did-you-mean), Match ID present, generated validation (errors reject
/// with every issue; warnings do not), primary_id and identifier values unique across the feed case-insensitively,
/// then the delta comparison and the zip.</para>
/// <para>Memory does not grow with the feed: no user is held after it is written, and the per-person tables (the
/// first pass's rows by person, the second's primary_id and identifier values) live in temporary spill files with a
/// fixed amount of memory in front of them (<see cref="MergePlan"/>, <see cref="FeedIdRegistry"/>); only the merges
/// themselves, a few dozen bytes each, are kept.</para>
/// <para>Zips are written under temporary names; they are renamed into the outbox only when no threshold is
/// exceeded (or <see cref="ExportOptions.Force"/>), and only then is the state file changed.</para>
/// </remarks>
/// <typeparam name="TUser">The generated user type.</typeparam>
public sealed class ExportPipeline<TUser>
    where TUser : class, IAlmaUser
{
    private const string ActiveStatus = "ACTIVE";
    private const string InactiveStatus = "INACTIVE";

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
        if (!JitProfile.PlayingBack)
            StartWarmUp(source);

        // An existing state file is opened while the first pass reads: opening it folds the last run's write-ahead log
        // into it, disk writes waited for (ExportStateStore). A new one is created only once the source has been read.
        var opening = _options.StatePath is { } existing && File.Exists(existing)
            ? Task.Run(() => ExportStateStore.Open(existing), cancellationToken)
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
            : _options.StatePath is null ? null : ExportStateStore.Open(_options.StatePath);
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

        var tally = new RunTally();
        using (var rejects = new RejectsCsvWriter(rejectsPath))
        using (var merged = new MergedCsvWriter(mergedPath))
        {
            using var run = new SecondPass(this, plan, packager, stateRun, rejects, merged, tally);
            run.StartWriting();
            try
            {
                await foreach (var sourceRecord in source.ReadAsync(cancellationToken).ConfigureAwait(false))
                    run.Process(sourceRecord);
            }
            catch (Exception exception)
            {
                run.StopWriting(exception);
                throw;
            }

            run.FinishWriting();
            if (stateRun is not null && _options.Leavers == LeaverPolicy.SendInactive)
                run.SendLeavers();
        }

        if (tally.RowsRead != plan.RowsRead)
            throw new InvalidOperationException(
                $"The source '{source.Name}' gave {plan.RowsRead} records on the first read and {tally.RowsRead} on the second: it must give the same rows in the same order on each read.");

        var counts = tally.ToCounts(plan.People);
        var thresholds = SafetyCheck.Evaluate(counts, store?.LastSuccessfulRun()?.Users, _options.Safety);
        var exceeded = thresholds.Any(t => t.Exceeded);
        var aborted = exceeded && !_options.Force;

        IReadOnlyList<PackagedZip> zips;
        var record = new RunRecord(stateRun?.RunId ?? 0, runName, _options.StartedUtc, _options.Mode.ToString(), !aborted,
            counts.RowsRead, counts.People, counts.Written, counts.Unchanged, counts.Rejected, counts.Merged, counts.LeaversWritten, counts.Users);
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
            stateRun?.Commit(record);
        }

        new RunManifest
        {
            RunName = runName,
            Source = source.Name,
            StartedUtc = _options.StartedUtc,
            RunDate = _options.EffectiveRunDate,
            Mode = _options.Mode,
            Placed = !aborted,
            Forced = exceeded && _options.Force,
            Counts = counts,
            WrittenByUserGroup = new SortedDictionary<string, long>(tally.WrittenByGroup, StringComparer.Ordinal),
            RejectedByRule = new SortedDictionary<string, long>(tally.RejectedByRule, StringComparer.Ordinal),
            Thresholds = thresholds,
            Zips = zips.Select(z => new ManifestZip(z.FileName, z.SizeBytes, z.Sha256, z.UserCount, z.XmlFileCount)).ToList(),
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

    /// <summary>
    /// Compiles on the other core, while the first pass reads, what the rest of the run will need, roughly in the order
    /// it needs it (<see cref="JitWarmUp"/>): the state database and the report CSV writers, the first and second pass,
    /// the generated code, packaging, and last the manifest and the run report that the host renders right after. Not
    /// needed when the runtime compiles ahead from the last run's profile (<see cref="JitProfile"/>), which is both
    /// earlier and only what the run uses.
    /// </summary>
    private void StartWarmUp(IPatronSource source) => JitWarmUp.Start(
        [ExportStateStore.Prepare, ReportCsvFile.Prepare],
        [
            typeof(CsvPatronKeyScanner), typeof(MergePlan), typeof(PartitionedSpillFile), typeof(PlainCsvRecords),
            source.GetType(), typeof(PatronRowBuilder), typeof(PatronRow), _mapper.GetType(), typeof(SecondPass),
            typeof(FeedIdRegistry), typeof(Xml.AlmaXmlEmitter), typeof(Xml.XmlCharacters), typeof(Validation.AlmaChecks),
        ],
        generatedCode: _schema.GetType(),
        [
            typeof(UserXmlRecords<TUser>), typeof(ZipPackager<TUser>), typeof(ExportStateRun), typeof(RejectsCsvWriter),
            typeof(MergedCsvWriter),
        ],
        afterwards: () =>
        {
            RunManifest.Prepare();
            Reports.RunReportWriter.Prepare();
        });

    /// <summary>The running counts of the second pass.</summary>
    private sealed class RunTally
    {
        public long RowsRead;
        public long Written;
        public long Unchanged;
        public long Rejected;
        public long Merged;
        public long LeaversWritten;
        public long WithWarnings;
        public readonly Dictionary<string, long> WrittenByGroup = new(StringComparer.Ordinal);
        public readonly Dictionary<string, long> RejectedByRule = new(StringComparer.Ordinal);

        public ExportCounts ToCounts(long people) => new()
        {
            RowsRead = RowsRead,
            People = people,
            Written = Written,
            Unchanged = Unchanged,
            Rejected = Rejected,
            Merged = Merged,
            LeaversWritten = LeaversWritten,
            WithWarnings = WithWarnings,
        };
    }

    /// <summary>
    /// The second pass: one record at a time, from row to zip, on two threads. The reading thread parses, maps,
    /// validates, checks uniqueness and writes the user's XML once (its fingerprint and its record bytes); everything
    /// that only records a decision (the zip entry and its compression, the state file, rejects.csv, merged.csv) is
    /// handed, in source order, to one writing thread. Both see the records in the same order, so the output is the
    /// same as on one thread, byte for byte.
    /// </summary>
    private sealed class SecondPass(
        ExportPipeline<TUser> pipeline,
        MergePlan plan,
        ZipPackager<TUser> packager,
        ExportStateRun? state,
        RejectsCsvWriter rejects,
        MergedCsvWriter merged,
        RunTally tally) : IDisposable
    {
        private readonly FeedIdRegistry _ids = new(plan.People);
        private const int BatchSize = 256;
        private const int BatchesInFlight = 16;

        private readonly Packaging.UserXmlRecords<TUser> _xml = new(pipeline._schema);
        private readonly List<ValidationIssue> _issues = [];
        private readonly List<(ulong Key, int IdentifierIndex)> _idValues = [];
        private readonly ExportOptions _options = pipeline._options;
        private readonly System.Collections.Concurrent.BlockingCollection<Batch> _queue = new(BatchesInFlight);
        private readonly System.Collections.Concurrent.ConcurrentQueue<Batch> _free = new(); // applied batches, for reuse
        private readonly CancellationTokenSource _writerFailed = new();
        private Batch _batch = new();
        private Thread? _writer;
        private Exception? _writerFailure;

        public void Dispose()
        {
            _ids.Dispose();
            _writerFailed.Dispose();
            _queue.Dispose();
        }

        public void StartWriting()
        {
            _writer = new Thread(Write) { IsBackground = true, Name = "Alma export writer" };
            _writer.Start();
        }

        /// <summary>Ends the writing thread after all records were handed over; throws its failure, if any.</summary>
        public void FinishWriting()
        {
            try
            {
                Hand(force: true);
            }
            catch (OperationCanceledException) when (_writerFailed.IsCancellationRequested)
            {
                // the writer's failure is thrown below
            }

            _queue.CompleteAdding();
            _writer!.Join();
            if (_writerFailure is not null)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_writerFailure);
        }

        /// <summary>
        /// After reading failed with <paramref name="readFailure"/>: stops the writing thread, and throws the writer's
        /// own failure instead when that is what stopped reading (the reading thread then saw a cancelled hand-over).
        /// </summary>
        public void StopWriting(Exception readFailure)
        {
            _queue.CompleteAdding();
            _writer!.Join();
            if (_writerFailure is not null && readFailure is OperationCanceledException && _writerFailed.IsCancellationRequested)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_writerFailure);
        }

        private void Add(Outcome outcome)
        {
            _batch.Outcomes.Add(outcome);
            if (_batch.Outcomes.Count == BatchSize)
                Hand(force: false);
        }

        private void Hand(bool force)
        {
            if (_batch.Outcomes.Count == 0 || (!force && _batch.Outcomes.Count < BatchSize))
                return;
            _queue.Add(_batch, _writerFailed.Token);
            _batch = _free.TryDequeue(out var reused) ? reused : new Batch();
        }

        /// <summary>The writing thread: applies the outcomes in order.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Write()
        {
            try
            {
                foreach (var batch in _queue.GetConsumingEnumerable())
                {
                    foreach (var outcome in batch.Outcomes)
                        Apply(outcome, batch);
                    batch.Clear();
                    _free.Enqueue(batch);
                }
            }
            catch (Exception exception)
            {
                _writerFailure = exception;
                _writerFailed.Cancel();
                foreach (var _ in _queue.GetConsumingEnumerable())
                {
                    // Drain so that the reading thread is never left blocked on a full queue.
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Apply(Outcome outcome, Batch batch)
        {
            switch (outcome.Kind)
            {
                case OutcomeKind.Rejected:
                    rejects.Write(outcome.Rejection!);
                    if (outcome.Rejection!.PersonId is { } personId)
                        state?.MarkSeen(personId);
                    break;
                case OutcomeKind.Merged:
                    merged.Write(outcome.Merged!);
                    break;
                case OutcomeKind.User:
                    var sent = outcome.Sent!;
                    if (_options.Mode == ExportMode.Delta && state?.FingerprintOf(sent.PersonId) is { } previous && previous.AsSpan().SequenceEqual(sent.Fingerprint))
                    {
                        tally.Unchanged++;
                    }
                    else
                    {
                        packager.AddRecord(outcome.Prefix, batch.Bytes.AsSpan(outcome.RecordOffset, outcome.RecordLength), outcome.Suffix);
                        tally.Written++;
                        if (outcome.Warnings)
                            tally.WithWarnings++;
                        var group = sent.UserGroup ?? "";
                        tally.WrittenByGroup[group] = tally.WrittenByGroup.GetValueOrDefault(group) + 1;
                    }

                    state?.Record(sent);
                    break;
            }
        }

        // The per-record methods of the export (here, in the sources, the packager and the state file) are compiled
        // fully optimised at once: with tiered compilation they ran unoptimised or instrumented for the first second or
        // two of a run while both cores were busy and the tiering thread waited its turn (about 10% of a 100,000-row run).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Process(SourceRecord record)
        {
            tally.RowsRead++;
            switch (record)
            {
                case SourceRejection rejection:
                    Reject(rejection.Position, rejection.PersonId, [new ValidationIssue(rejection.Field ?? "", rejection.Rule, rejection.Message)]);
                    break;
                case PatronRow row:
                    Process(row);
                    break;
            }
        }

        public void SendLeavers()
        {
            var runDate = _options.EffectiveRunDate;
            foreach (var leaver in state!.Leavers())
            {
                if (leaver.PrimaryId is null || _ids.OtherOwner(leaver.PrimaryId, leaver.PersonId) is not null)
                    continue; // its primary_id now belongs to someone in the feed: not a leaver to send
                var user = pipeline._schema.CreateUser();
                user.PrimaryId = leaver.PrimaryId;
                user.UserGroup = leaver.UserGroup is null ? null : new AlmaCode(leaver.UserGroup, leaver.UserGroupDesc);
                user.CampusCode = leaver.CampusCode is null ? null : new AlmaCode(leaver.CampusCode);
                user.Status = new AlmaCode(InactiveStatus);
                user.ExpiryDate = runDate;
                var rule = pipeline._map.Rules.FirstOrDefault(r => string.Equals(r.AlmaCode, leaver.UserGroup, StringComparison.Ordinal));
                user.PurgeDate = rule?.PurgeDate(runDate);
                pipeline._mapper.CompleteLeaver(user, leaver);

                _issues.Clear();
                if (_options.MatchId.ValueOf(user) is null)
                    continue; // cannot be matched in Alma; the state keeps it for a later run
                if (!packager.TryAdd(user, _issues))
                    continue;
                tally.LeaversWritten++;
                state.MarkLeft(leaver.PersonId);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Process(PatronRow row)
        {
            if (plan.TryGetMerge(row.Position.Number, out var note))
            {
                if (!note.Person.Holds(row.PersonId))
                    throw ChangedBetweenReads(row);
                tally.Merged++;
                Add(new Outcome { Kind = OutcomeKind.Merged, Merged = new MergedRow(row.Position, row.PersonId, note.WinnerNumber, note.Reason) });
                return;
            }

            if (plan.TryGetWinner(row.Position.Number, out var winner) && !winner.Holds(row.PersonId))
                throw ChangedBetweenReads(row);

            if (!pipeline._map.TryGetBySisCode(row.PatronType, out var rule))
            {
                var suggestion = pipeline._map.SuggestSisCode(row.PatronType);
                Reject(row.Position, row.PersonId, [new ValidationIssue("patron_type", ExportRejectRules.UnknownPatronType,
                    $"patron_type '{row.PatronType}' is not in alma-user-groups.csv" + (suggestion is null ? "." : $"; did you mean '{suggestion}'?"))]);
                return;
            }

            var runDate = _options.EffectiveRunDate;
            var expiry = rule.ExpiryDate(row.TermEndDate, runDate);
            var context = new PatronMappingContext(runDate, rule, expiry, rule.PurgeDate(expiry)) { Feed = _options.Feed };
            TUser user;
            try
            {
                user = pipeline._mapper.Map(row, context);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Reject(row.Position, row.PersonId, [new ValidationIssue("", ExportRejectRules.MappingFailed,
                    $"the mapper failed: {exception.GetType().Name}: {exception.Message}")]);
                return;
            }

            ApplyRule(user, row, context);
            CollectIdValues(user);
            _issues.Clear();
            if (_options.MatchId.ValueOf(user) is null)
                _issues.Add(new ValidationIssue(_options.MatchId.Path, ExportRejectRules.MatchIdMissing,
                    $"the Match ID of the integration profile ({_options.MatchId}) is missing; Alma cannot match the user without it."));
            pipeline._schema.Validate(user, _issues);
            if (HasErrors())
            {
                Reject(row.Position, row.PersonId, [.. _issues]);
                return;
            }

            CheckUniqueness(row.PersonId);
            if (HasErrors())
            {
                Reject(row.Position, row.PersonId, [.. _issues.Where(i => i.Severity == IssueSeverity.Error)]);
                return;
            }

            var warnings = _issues.Count > 0;
            if (!_xml.TryWrite(user, _issues, out var xml))
            {
                Reject(row.Position, row.PersonId, [.. _issues.Where(i => i.Severity == IssueSeverity.Error)]);
                return;
            }

            var fingerprint = _xml.Fingerprint();
            foreach (var (key, _) in _idValues)
                _ids.Claim(key, row.PersonId);

            // Into the batch's byte buffer, which is reused once the writing thread applied the batch: no array per
            // user that would outlive a young-generation collection on its way to the other thread.
            var recordOffset = _batch.Keep(xml);
            Add(new Outcome
            {
                Kind = OutcomeKind.User,
                Sent = new SentUser(row.PersonId, user.PrimaryId, _options.MatchId.IdentifierType, _options.MatchId.ValueOf(user),
                    user.UserGroup?.Code, user.UserGroup?.Desc, user.CampusCode?.Code, fingerprint),
                Warnings = warnings,
                Prefix = _xml.Prefix,
                Suffix = _xml.Suffix,
                RecordOffset = recordOffset,
                RecordLength = xml.Length,
            });
        }

        private static InvalidOperationException ChangedBetweenReads(PatronRow row) => new(
            $"{row.Position} held a different person_id on the first read than on the second ({row.PersonId}): the source must give the same rows in the same order on each read.");

        private static void ApplyRule(TUser user, PatronRow row, PatronMappingContext context)
        {
            user.UserGroup ??= context.UserGroup;
            var campus = row.Campus ?? context.Rule.Campus;
            if (user.CampusCode is null && campus is not null)
                user.CampusCode = new AlmaCode(campus);
            user.ExpiryDate ??= context.ExpiryDate;
            user.PurgeDate ??= context.PurgeDate;
            user.Status ??= new AlmaCode(ActiveStatus);
        }

        /// <summary>
        /// The keys of the user's primary_id (identifier index 0) and identifier values, each value once, with the
        /// registry's filter lines already on their way into the cache while the user is validated.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void CollectIdValues(TUser user)
        {
            _idValues.Clear();
            if (!string.IsNullOrWhiteSpace(user.PrimaryId))
                AddIdValue(user.PrimaryId, identifierIndex: 0);
            var index = 0;
            foreach (var identifier in user.GetIdentifiers())
            {
                index++;
                if (!string.IsNullOrWhiteSpace(identifier.Value))
                    AddIdValue(identifier.Value, index);
            }
        }

        private void AddIdValue(string value, int identifierIndex)
        {
            var key = FeedIdRegistry.KeyOf(value);
            foreach (var (earlier, _) in _idValues)
            {
                if (earlier == key)
                    return; // the same value twice in one user (a primary_id that is also an identifier): one lookup
            }

            _idValues.Add((key, identifierIndex));
            _ids.Prefetch(key);
        }

        private void CheckUniqueness(string personId)
        {
            foreach (var (key, identifierIndex) in _idValues)
            {
                if (_ids.OtherOwner(key, personId) is { } owner)
                    _issues.Add(new ValidationIssue(
                        identifierIndex == 0 ? MatchId.PrimaryIdName : $"user_identifiers/user_identifier[{identifierIndex}]/value", ExportRejectRules.DuplicateId,
                        $"the value is already used by person_id {owner} in this feed (compared ignoring case); Alma would reject this user."));
            }
        }

        private bool HasErrors() => _issues.Exists(i => i.Severity == IssueSeverity.Error);

        private void Reject(SourcePosition position, string? personId, IReadOnlyList<ValidationIssue> issues)
        {
            tally.Rejected++;
            var rule = issues.FirstOrDefault(i => i.Severity == IssueSeverity.Error).Rule ?? issues[0].Rule;
            tally.RejectedByRule[rule] = tally.RejectedByRule.GetValueOrDefault(rule) + 1;
            Add(new Outcome { Kind = OutcomeKind.Rejected, Rejection = new ExportRejection(position, personId, issues) });
        }
    }

    private enum OutcomeKind
    {
        Rejected,
        Merged,
        User,
    }

    /// <summary>The outcomes of up to 256 records in source order, and the record bytes of their users.</summary>
    private sealed class Batch
    {
        public readonly List<Outcome> Outcomes = new(256);
        public byte[] Bytes = new byte[256 * 1024];
        private int _used;

        /// <summary>Copies <paramref name="record"/> in; returns where it starts in <see cref="Bytes"/>.</summary>
        public int Keep(ReadOnlySpan<byte> record)
        {
            if (_used + record.Length > Bytes.Length)
            {
                var bigger = new byte[Math.Max(Bytes.Length * 2, _used + record.Length)];
                Bytes.AsSpan(0, _used).CopyTo(bigger);
                Bytes = bigger;
            }

            var offset = _used;
            record.CopyTo(Bytes.AsSpan(offset));
            _used += record.Length;
            return offset;
        }

        public void Clear()
        {
            Outcomes.Clear();
            _used = 0;
        }
    }

    /// <summary>What the reading thread decided for one record, for the writing thread to record.</summary>
    private sealed class Outcome
    {
        public OutcomeKind Kind;
        public ExportRejection? Rejection;
        public MergedRow? Merged;
        public SentUser? Sent;
        public bool Warnings;
        public byte[] Prefix = [];
        public byte[] Suffix = [];
        public int RecordOffset;
        public int RecordLength;
    }
}
