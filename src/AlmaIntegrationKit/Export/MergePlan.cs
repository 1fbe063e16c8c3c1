using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Export;

/// <summary>
/// The first pass over the source: which rows of a person who arrives in several rows lose to the row whose user
/// group has the highest weight (the first such row on a tie). Rows with an unknown patron type do not compete.
/// </summary>
/// <remarks>
/// Memory: while reading, one entry per distinct person_id (the id string, the winning row number and its rule:
/// about 80 bytes, so about 80 MB at a million people); afterwards only the losing rows are kept, which are few.
/// The alternative, keeping each person's best row itself until the end, would hold most of the feed; spilling to
/// SQLite would bound memory further at the price of a disk write per row. Reading the source twice is the cost:
/// a source must give the same rows in the same order on each read (an extract query needs an ORDER BY).
/// </remarks>
internal sealed class MergePlan
{
    private readonly Dictionary<long, MergeNote> _losers;

    private MergePlan(long rowsRead, long people, Dictionary<long, MergeNote> losers)
    {
        RowsRead = rowsRead;
        People = people;
        _losers = losers;
    }

    /// <summary>Records the source gave (rows and rejections).</summary>
    public long RowsRead { get; }

    /// <summary>Distinct person_ids among the rows.</summary>
    public long People { get; }

    /// <summary>Reads <paramref name="source"/> once and decides the winners.</summary>
    public static async Task<MergePlan> BuildAsync(IPatronSource source, IUserGroupMap map, CancellationToken cancellationToken)
    {
        var best = new Dictionary<string, (long Number, UserGroupRule? Rule)>(StringComparer.Ordinal);
        var losers = new Dictionary<long, (string PersonId, UserGroupRule Rule)>();
        long rows = 0;
        await foreach (var record in source.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows++;
            if (record is not PatronRow row)
                continue;
            map.TryGetBySisCode(row.PatronType, out var rule);
            var number = row.Position.Number;
            if (!best.TryGetValue(row.PersonId, out var current))
            {
                best.Add(row.PersonId, (number, rule));
                continue;
            }

            if (rule is null)
                continue; // rejected later; does not compete
            if (current.Rule is null || rule.Weight > current.Rule.Weight)
            {
                if (current.Rule is not null)
                    losers[current.Number] = (row.PersonId, current.Rule);
                best[row.PersonId] = (number, rule);
            }
            else
            {
                losers[number] = (row.PersonId, rule);
            }
        }

        var notes = new Dictionary<long, MergeNote>(losers.Count);
        foreach (var (number, (personId, rule)) in losers)
        {
            var winner = best[personId];
            notes.Add(number, new MergeNote(personId, winner.Number, Reason(winner.Rule!, rule)));
        }

        return new MergePlan(rows, best.Count, notes);
    }

    /// <summary>Whether the row numbered <paramref name="number"/> loses to another row of its person.</summary>
    public bool TryGetMerge(long number, [NotNullWhen(true)] out MergeNote? note) => _losers.TryGetValue(number, out note);

    private static string Reason(UserGroupRule winner, UserGroupRule loser) =>
        winner.Weight > loser.Weight
            ? $"{winner.AlmaCode} (weight {winner.Weight.ToString(CultureInfo.InvariantCulture)}) outranks {loser.AlmaCode} (weight {loser.Weight.ToString(CultureInfo.InvariantCulture)})"
            : $"{winner.AlmaCode} and {loser.AlmaCode} have the same weight ({winner.Weight.ToString(CultureInfo.InvariantCulture)}): the first row wins";
}

/// <summary>A losing row: whose it is, which row it loses to and why.</summary>
internal sealed record MergeNote(string PersonId, long WinnerNumber, string Reason);
