using System.Globalization;
using System.Runtime.CompilerServices;
using AlmaIntegrationKit.Results;
using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Export;

/// <summary>
/// The merge rule: a person_id that arrives in several rows (a student who is also staff) is written once, from its
/// best valid row. The rows are tried best first (<see cref="MergePlan"/>: the higher user-group weight, the earlier
/// row on a tie); a row that is invalid is rejected with its own reasons (rejects.csv) and the next one is tried; the
/// first valid row is written, and every row after it is merged into it (merged.csv, with the reason). When the row
/// written is not the best, it stood in for the rejected rows before it, and merged.csv says so beside each of them.
/// A row the source could not read, or with an unknown patron type, does not compete: it is rejected, and the person's
/// other rows are decided without it. Every other record is decided by <see cref="RowDecision{TUser}"/> alone.
/// </summary>
/// <remarks>
/// <para>The source is read once, in order, and a better row may come after a worse one. A row whose better rows have
/// all been read is settled at once; one that waits for a better row further on is kept in a temporary file
/// (<see cref="WaitingRows"/>) and settled, in rank order, right after the last of its better rows: written, rejected
/// or merged there, never twice; its outcome (in the zip, rejects.csv or merged.csv) comes there too. Only rows of
/// people in several rows are ever kept, and memory holds a byte and an offset for each of them.</para>
/// <para>Keeping the row, rather than re-reading the source for it or deciding it ahead, means a waiting row is
/// decided only when it is needed and as if it were read then: a row that ends up merged claims no primary_id or
/// identifier value in the feed, and a stand-in claims its values in the order the users are written.</para>
/// <para>A stand-in is an ordinary written user for everything after it: feed-wide uniqueness, the state file
/// (<see cref="OutcomeRecorder{TUser}"/>), the counts.</para>
/// </remarks>
/// <typeparam name="TUser">The generated user type.</typeparam>
internal sealed class MergeDecision<TUser> : IDisposable
    where TUser : class, IAlmaUser
{
    private readonly RowDecision<TUser> _rows;
    private readonly MergePlan _plan;
    private readonly WaitingRows _waiting = new();
    private readonly Settlement[] _settled;
    private readonly long[] _keptAt;
    private long _stillWaiting;

    /// <summary>Decides by <paramref name="plan"/> which of each person's rows <paramref name="rows"/> decides in full.</summary>
    public MergeDecision(RowDecision<TUser> rows, MergePlan plan)
    {
        _rows = rows;
        _plan = plan;
        _settled = new Settlement[plan.Candidates];
        _keptAt = new long[plan.Candidates];
    }

    private enum Settlement : byte
    {
        NotYet,
        Waiting,
        Written,
        Rejected,
        Merged,
    }

    /// <summary>The counts of the records decided so far.</summary>
    public ReadingTally Tally => _rows.Tally;

    /// <summary>The record bytes of the user of the last <see cref="RowOutcome.Written"/> handed out, valid until the next one.</summary>
    public ReadOnlySpan<byte> Record => _rows.Record;

    /// <summary>
    /// Decides <paramref name="record"/> and hands each outcome it settles to <paramref name="settled"/>, in order: none
    /// when the row waits for a better row of its person, several when that row arrives and settles the waiting ones.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Decide(SourceRecord record, Action<RowOutcome> settled)
    {
        Tally.RowsRead++;
        if (!_plan.TryGetCandidate(record.Position.Number, out var candidate))
        {
            settled(_rows.Decide(record));
            return;
        }

        var waits = _plan[candidate].WaitsForBetterRow;
        if (record is PatronRow row)
        {
            if (!_plan[candidate].Person.Holds(row.PersonId))
                throw ChangedBetweenReads(row);
            if (waits)
            {
                _keptAt[candidate] = _waiting.Keep(row);
                _settled[candidate] = Settlement.Waiting;
                _stillWaiting++;
                return;
            }

            Settle(candidate, row, settled);
        }
        else
        {
            // A source that changed between the reads (the first read found a row here); rejected, and it wrote nothing.
            _settled[candidate] = Settlement.Rejected;
            settled(_rows.Decide(record));
        }

        if (waits)
            return;
        for (var next = candidate; _plan.HasNextOfPerson(next) && _plan[next + 1].Number < record.Position.Number; next++)
        {
            if (_settled[next + 1] == Settlement.Waiting)
            {
                _stillWaiting--;
                Settle(next + 1, _waiting.Take(_keptAt[next + 1]), settled);
            }
        }
    }

    /// <summary>Checks, once the source is read, that no row still waits for a better row (which the first read had).</summary>
    public void Finish()
    {
        if (_stillWaiting > 0)
            throw new InvalidOperationException(
                $"{_stillWaiting} rows waited for a better row of their person that the second read of the source did not give: the source must give the same rows in the same order on each read.");
    }

    public void Dispose() => _waiting.Dispose();

    /// <summary>Settles a candidate whose better rows are all settled: merged into the one written, else decided in full.</summary>
    private void Settle(int candidate, PatronRow row, Action<RowOutcome> settled)
    {
        var first = candidate - _plan[candidate].Rank;
        var written = Array.IndexOf(_settled, Settlement.Written, first, candidate - first);
        if (written >= 0)
        {
            _settled[candidate] = Settlement.Merged;
            Tally.Merged++;
            settled(new RowOutcome.Merged(new MergedRow(row.Position, row.PersonId, _plan[written].Number, MergeReason(written, candidate, row.Position))));
            return;
        }

        var outcome = _rows.Decide(row);
        _settled[candidate] = outcome is RowOutcome.Written ? Settlement.Written : Settlement.Rejected;
        if (outcome is RowOutcome.Written standIn && candidate > first)
            outcome = standIn.StandingInFor([.. Enumerable.Range(first, candidate - first).Select(rejected => new MergedRow(
                row.Position with { Number = _plan[rejected].Number }, row.PersonId, row.Position.Number, StandInReason(candidate, rejected, row.Position)))]);
        settled(outcome);
    }

    /// <summary>Why <paramref name="merged"/> was merged into <paramref name="written"/>, e.g. <c>FACULTY (weight 50) outranks STAFF (weight 40)</c>.</summary>
    private string MergeReason(int written, int merged, SourcePosition position)
    {
        var winner = _plan.RuleOf(written);
        var loser = _plan.RuleOf(merged);
        var reason = winner.Weight > loser.Weight
            ? $"{winner.AlmaCode} (weight {N(winner.Weight)}) outranks {loser.AlmaCode} (weight {N(loser.Weight)})"
            : $"{winner.AlmaCode} and {loser.AlmaCode} have the same weight ({N(winner.Weight)}): the first row wins";
        var first = written - _plan[written].Rank;
        if (written > first)
        {
            var rejected = string.Join(", ", Enumerable.Range(first, written - first).Select(i => $"{_plan.RuleOf(i).AlmaCode} {Where(position, _plan[i].Number)}"));
            reason += $"; the {winner.AlmaCode} row stood in for the invalid row{(written - first == 1 ? "" : "s")} ranked above it ({rejected}; see rejects.csv)";
        }

        return reason;
    }

    /// <summary>Why <paramref name="standIn"/> was written in place of the invalid <paramref name="rejected"/>.</summary>
    private string StandInReason(int standIn, int rejected, SourcePosition position)
    {
        var better = _plan.RuleOf(rejected);
        var used = _plan.RuleOf(standIn);
        return $"rejected (see rejects.csv): the {used.AlmaCode} row (weight {N(used.Weight)}) {Where(position, _plan[standIn].Number)} stood in for this invalid {better.AlmaCode} row (weight {N(better.Weight)})";
    }

    private static string Where(SourcePosition position, long number) =>
        $"{(position.Kind == SourcePositionKind.Line ? "line" : "row")} {N(number)}";

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static InvalidOperationException ChangedBetweenReads(PatronRow row) => new(
        $"{row.Position} held a different person_id on the first read than on the second ({row.PersonId}): the source must give the same rows in the same order on each read.");
}
