using System.Runtime.CompilerServices;
using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.Results;
using AlmaIntegrationKit.State;

namespace AlmaIntegrationKit.Export;

/// <summary>
/// Records each <see cref="RowOutcome"/> where it belongs, in source order, on the export's writing thread: a user into
/// the zip (unless a delta run finds it unchanged since the state's last record of it) and the state, a rejection into
/// rejects.csv (its person still counts as present), a merge into merged.csv. The rules that need the state file live
/// here, because the writing thread is the one that holds it.
/// </summary>
/// <typeparam name="TUser">The generated user type.</typeparam>
internal sealed class OutcomeRecorder<TUser>(
    ExportOptions options,
    ZipPackager<TUser> packager,
    ExportStateRun? state,
    RejectsCsvWriter rejects,
    MergedCsvWriter merged)
    where TUser : class, IAlmaUser
{
    /// <summary>The counts of what was recorded so far.</summary>
    public WritingTally Tally { get; } = new();

    /// <summary>Records <paramref name="outcome"/>; <paramref name="record"/> is the user's record bytes for a written one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Record(RowOutcome outcome, ReadOnlySpan<byte> record)
    {
        switch (outcome)
        {
            case RowOutcome.Written written:
                Record(written, record);
                break;
            case RowOutcome.Rejected rejected:
                Reject(rejected.Rejection);
                break;
            case RowOutcome.Merged mergedRow:
                merged.Write(mergedRow.Row);
                break;
        }
    }

    /// <summary>
    /// A user whose record is the state's newest for the person is unchanged: a delta run leaves it out, a full run
    /// sends it again, and the state already holds it. A new or changed record is checked against the identity
    /// bindings (a value delivered for another person is never delivered for this one) and recorded as pending.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Record(RowOutcome.Written written, ReadOnlySpan<byte> record)
    {
        var sent = written.Sent;
        if (state is null)
        {
            _ = Write(written, record);
        }
        else if (state.HoldsNewest(sent.PersonId, sent.Fingerprint))
        {
            state.MarkSeen(sent.PersonId);
            if (options.Mode == ExportMode.Delta)
                Tally.Unchanged++;
            else
                _ = Write(written, record);
        }
        else if (state.Bind(sent.PersonId, written.IdValues) is { } taken)
        {
            Tally.CountRejection(taken.Kind == IdentityBinding.PrimaryIdKind ? ExportRejectRules.PrimaryIdReassigned : ExportRejectRules.IdentifierReassigned);
            Reject(new ExportRejection(written.Position, sent.PersonId, [Reassigned(taken, sent.PersonId)]));
            return; // it stood in for no one
        }
        else
        {
            state.Record(sent, Write(written, record), written.Status);
        }

        foreach (var rejected in written.StoodInFor)
            merged.Write(rejected);
    }

    private RecordLocation Write(RowOutcome.Written written, ReadOnlySpan<byte> record)
    {
        var at = packager.AddRecord(record);
        Tally.Written++;
        if (written.Warnings)
            Tally.WithWarnings++;
        var group = written.Sent.UserGroup ?? "";
        Tally.WrittenByGroup[group] = Tally.WrittenByGroup.GetValueOrDefault(group) + 1;
        return at;
    }

    private void Reject(ExportRejection rejection)
    {
        rejects.Write(rejection);
        if (rejection.PersonId is { } personId)
            state?.MarkSeen(personId);
    }

    private static ValidationIssue Reassigned(IdentityBinding taken, string personId)
    {
        var primary = taken.Kind == IdentityBinding.PrimaryIdKind;
        return new ValidationIssue(
            primary ? MatchId.PrimaryIdName : $"user_identifiers/user_identifier[id_type='{taken.Kind}']/value",
            primary ? ExportRejectRules.PrimaryIdReassigned : ExportRejectRules.IdentifierReassigned,
            $"{(primary ? "primary_id" : taken.Kind)} '{taken.Value}' was delivered to Alma for person_id {taken.PersonId}; sending it for person_id {personId} " +
            $"would give {taken.PersonId}'s Alma account (loans, fines, history) to {personId}. Give {personId} another value, or, if the value was really " +
            $"reassigned, release it once: state release-id \"{taken.Value}\" --reason \"...\"");
    }
}
