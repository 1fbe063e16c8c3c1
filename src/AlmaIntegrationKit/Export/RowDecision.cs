using System.Buffers;
using System.Runtime.CompilerServices;
using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.Results;
using AlmaIntegrationKit.Sources;
using AlmaIntegrationKit.State;

namespace AlmaIntegrationKit.Export;

/// <summary>
/// The per-row rules of an export, in the order they apply (which of a person's several rows is decided here is the
/// merge rule's choice, <see cref="MergeDecision{TUser}"/>): patron type known to the mapping file; the college's mapper; the user-group rule's defaults (group, campus, expiry,
/// purge, status); the Match ID present; the generated validation (errors reject with every issue, warnings do not);
/// primary_id and identifier values unique across the feed; every value XML can carry. One record in, one
/// <see cref="RowOutcome"/> out, on one thread; it writes nothing but the user's record bytes into its own buffer.
/// </summary>
/// <typeparam name="TUser">The generated user type.</typeparam>
internal sealed class RowDecision<TUser>(
    IAlmaSchema<TUser> schema,
    UserGroupMap map,
    IPatronMapper<TUser> mapper,
    ExportOptions options,
    FeedIdRegistry ids)
    where TUser : class, IAlmaUser
{
    internal const string ActiveStatus = "ACTIVE";

    private readonly UserXmlRecords<TUser> _xml = new(schema);
    private readonly List<ValidationIssue> _issues = [];
    private readonly List<(ulong Key, int IdentifierIndex)> _idValues = [];
    private readonly DateOnly _runDate = options.EffectiveRunDate;
    private readonly ArrayBufferWriter<byte> _record = new(4096);

    /// <summary>The counts of the records decided so far (rows read and merged are counted by <see cref="MergeDecision{TUser}"/>).</summary>
    public ReadingTally Tally { get; } = new();

    /// <summary>The record bytes of the user of the last <see cref="RowOutcome.Written"/>, valid until the next decision.</summary>
    public ReadOnlySpan<byte> Record => _record.WrittenSpan;

    // The per-record methods of the export (here, in the sources, the packager and the state file) are compiled fully
    // optimised at once: with tiered compilation they ran unoptimised or instrumented for the first seconds of a run
    // while both cores were busy and the tiering thread waited its turn.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RowOutcome Decide(SourceRecord record) => record switch
    {
        PatronRow row => Decide(row),
        SourceRejection rejection => Reject(rejection.Position, rejection.PersonId,
            [new ValidationIssue(rejection.Field ?? "", rejection.Rule, rejection.Message)], PersonIdReadable(rejection)),
        _ => throw new ArgumentException($"Unknown kind of source record: {record.GetType().Name}.", nameof(record)),
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private RowOutcome Decide(PatronRow row)
    {
        if (!map.TryGetBySisCode(row.PatronType, out var rule))
        {
            var suggestion = map.SuggestSisCode(row.PatronType);
            return Reject(row.Position, row.PersonId, [new ValidationIssue("patron_type", ExportRejectRules.UnknownPatronType,
                $"patron_type '{row.PatronType}' is not in alma-user-groups.csv" + (suggestion is null ? "." : $"; did you mean '{suggestion}'?"))]);
        }

        PatronMappingContext context;
        try
        {
            var expiry = rule.ExpiryDate(row.TermEndDate, _runDate);
            context = new PatronMappingContext(_runDate, rule, expiry, rule.PurgeDate(expiry)) { Feed = options.Constants };
        }
        catch (ArgumentOutOfRangeException)
        {
            return Reject(row.Position, row.PersonId, [new ValidationIssue("term_end_date", ExportRejectRules.DateOutOfRange,
                $"term_end_date {row.TermEndDate:yyyy-MM-dd} with the expiry ({rule.Expiry}) and purge ({rule.Purge}) periods of patron_type '{row.PatronType}' gives a date after 9999-12-31; send the real end of the person's term (or leave it empty for the run date).")]);
        }

        TUser user;
        try
        {
            user = mapper.Map(row, context);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Reject(row.Position, row.PersonId, [new ValidationIssue("", ExportRejectRules.MappingFailed,
                $"the mapper failed: {exception.GetType().Name}: {exception.Message}")]);
        }

        if (!TryDecideStatus(user, row, out var statusIssue))
            return Reject(row.Position, row.PersonId, [statusIssue]);
        ApplyRule(user, row, context);
        CollectIdValues(user);
        _issues.Clear();
        if (IsExpiredActive(user))
        {
            var issue = new ValidationIssue("expiry_date", ExportRejectRules.ExpiredActive,
                $"the user is ACTIVE but its expiry date {user.ExpiryDate:yyyy-MM-dd} is before the run date {_runDate:yyyy-MM-dd}: Alma will treat the account as expired.",
                options.ExpiredActive == ExpiredActivePolicy.Reject ? IssueSeverity.Error : IssueSeverity.Warning);
            if (options.ExpiredActive == ExpiredActivePolicy.Reject)
                return Reject(row.Position, row.PersonId, [issue]);
            if (options.ExpiredActive == ExpiredActivePolicy.Warn)
                _issues.Add(issue);
        }

        if (options.MatchId.ValueOf(user) is null)
            _issues.Add(new ValidationIssue(options.MatchId.Path, ExportRejectRules.MatchIdMissing,
                $"the Match ID of the integration profile ({options.MatchId}) is missing; Alma cannot match the user without it."));
        schema.Validate(user, _issues);
        if (HasErrors())
            return Reject(row.Position, row.PersonId, [.. _issues]);

        CheckUniqueness(row.PersonId);
        if (HasErrors())
            return Reject(row.Position, row.PersonId, Errors());

        var warnings = _issues.Count > 0;
        if (!_xml.TryWrite(user, _issues, out var xml))
            return Reject(row.Position, row.PersonId, Errors());

        foreach (var (key, _) in _idValues)
            ids.Claim(key, row.PersonId);
        if (_issues.Exists(i => i.Rule == ExportRejectRules.ExpiredActive))
            Tally.ExpiredActive++;
        _record.ResetWrittenCount();
        _record.Write(xml);
        return new RowOutcome.Written(
            row.Position,
            new SentUser(row.PersonId, user.PrimaryId, options.MatchId.IdentifierType, options.MatchId.ValueOf(user),
                user.UserGroup?.Code, user.UserGroup?.Desc, user.CampusCode?.Code, _xml.Fingerprint()),
            user.Status!.Code,
            IdValuesOf(user),
            warnings);
    }

    /// <summary>
    /// The user's status, from the mapper or else the row's <c>status</c>: ACTIVE or INACTIVE as they are, other SIS
    /// values through <see cref="ExportOptions.StatusMap"/>, empty for ACTIVE; anything else is not guessed at.
    /// </summary>
    private bool TryDecideStatus(TUser user, PatronRow row, out ValidationIssue issue)
    {
        issue = default;
        var code = user.Status?.Code ?? row.Status;
        if (string.IsNullOrWhiteSpace(code))
            return true; // ACTIVE, from the rule
        var status = AlmaStatus(code.Trim());
        if (status is null)
        {
            issue = new ValidationIssue("status", ExportRejectRules.UnknownStatus,
                $"status '{code}' is neither ACTIVE nor INACTIVE; map the SIS value in Export:StatusMap (for example \"{code.Trim()}\": \"INACTIVE\") or correct the extract.");
            return false;
        }

        if (user.Status is not { } current || !string.Equals(current.Code, status, StringComparison.Ordinal))
            user.Status = new AlmaCode(status, user.Status?.Desc);
        return true;
    }

    private string? AlmaStatus(string code)
    {
        if (string.Equals(code, ActiveStatus, StringComparison.OrdinalIgnoreCase))
            return ActiveStatus;
        if (string.Equals(code, LeaverSend<TUser>.InactiveStatus, StringComparison.OrdinalIgnoreCase))
            return LeaverSend<TUser>.InactiveStatus;
        foreach (var (sisValue, almaStatus) in options.StatusMap)
        {
            if (string.Equals(sisValue.Trim(), code, StringComparison.OrdinalIgnoreCase))
                return AlmaStatus(almaStatus) is { } mapped && !string.Equals(almaStatus, code, StringComparison.OrdinalIgnoreCase) ? mapped : null;
        }

        return null;
    }

    private bool IsExpiredActive(TUser user) =>
        options.ExpiredActive != ExpiredActivePolicy.Allow && user.ExpiryDate is { } expiry && expiry < _runDate
        && string.Equals(user.Status?.Code, ActiveStatus, StringComparison.Ordinal);

    /// <summary>The primary_id and identifier values as the state binds them, each value once.</summary>
    private static List<(string Value, string Kind)> IdValuesOf(TUser user)
    {
        var values = new List<(string Value, string Kind)>(4);
        if (!string.IsNullOrWhiteSpace(user.PrimaryId))
            values.Add((user.PrimaryId, IdentityBinding.PrimaryIdKind));
        foreach (var identifier in user.GetIdentifiers())
        {
            if (!string.IsNullOrWhiteSpace(identifier.Value) && !values.Exists(v => string.Equals(v.Value, identifier.Value, StringComparison.OrdinalIgnoreCase)))
                values.Add((identifier.Value, identifier.IdType ?? "identifier"));
        }

        return values;
    }

    /// <summary>What the mapper left empty, from the row's user-group rule.</summary>
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
        ids.Prefetch(key);
    }

    private void CheckUniqueness(string personId)
    {
        foreach (var (key, identifierIndex) in _idValues)
        {
            if (ids.OtherOwner(key, personId) is { } owner)
                _issues.Add(new ValidationIssue(
                    identifierIndex == 0 ? MatchId.PrimaryIdName : $"user_identifiers/user_identifier[{identifierIndex}]/value", ExportRejectRules.DuplicateId,
                    $"the value is already used by person_id {owner} in this feed (compared ignoring case); Alma would reject this user."));
        }
    }

    private bool HasErrors() => _issues.Exists(i => i.Severity == IssueSeverity.Error);

    private ValidationIssue[] Errors() => [.. _issues.Where(i => i.Severity == IssueSeverity.Error)];

    /// <summary>
    /// Whether the person_id of a record the source could not read as a row can be trusted: not when the record's
    /// structure is broken (an unclosed quote, a comma too many), where the first field may hold anything.
    /// </summary>
    private static bool PersonIdReadable(SourceRejection rejection) =>
        !string.IsNullOrWhiteSpace(rejection.PersonId)
        && rejection.Rule is not (SourceRejectionRules.CsvFormat or SourceRejectionRules.ColumnCount);

    private RowOutcome.Rejected Reject(SourcePosition position, string? personId, IReadOnlyList<ValidationIssue> issues, bool personIdReadable = true)
    {
        var rule = issues.FirstOrDefault(i => i.Severity == IssueSeverity.Error).Rule ?? issues[0].Rule;
        Tally.CountRejection(rule, personIdReadable && !string.IsNullOrWhiteSpace(personId));
        return new RowOutcome.Rejected(new ExportRejection(position, personId, issues));
    }
}
