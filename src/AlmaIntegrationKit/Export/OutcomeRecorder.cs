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
    public void Record(RowOutcome outcome, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> record, ReadOnlySpan<byte> suffix)
    {
        switch (outcome)
        {
            case RowOutcome.Written written:
                var sent = written.Sent;
                if (IsUnchanged(sent))
                {
                    Tally.Unchanged++;
                }
                else
                {
                    packager.AddRecord(prefix, record, suffix);
                    Tally.Written++;
                    if (written.Warnings)
                        Tally.WithWarnings++;
                    var group = sent.UserGroup ?? "";
                    Tally.WrittenByGroup[group] = Tally.WrittenByGroup.GetValueOrDefault(group) + 1;
                }

                state?.Record(sent);
                break;
            case RowOutcome.Rejected rejected:
                rejects.Write(rejected.Rejection);
                if (rejected.Rejection.PersonId is { } personId)
                    state?.MarkSeen(personId);
                break;
            case RowOutcome.Merged mergedRow:
                merged.Write(mergedRow.Row);
                break;
        }
    }

    /// <summary>A delta run leaves out a user whose record is the one the state says was last sent.</summary>
    private bool IsUnchanged(SentUser sent) =>
        options.Mode == ExportMode.Delta && state?.FingerprintOf(sent.PersonId) is { } previous && previous.AsSpan().SequenceEqual(sent.Fingerprint);
}
