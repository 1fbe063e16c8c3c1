using AlmaIntegrationKit.Results;

namespace AlmaIntegrationKit.State;

/// <summary>One export run as the state file remembers it.</summary>
/// <param name="Id">The run's number in the state file.</param>
/// <param name="RunName">The run's name, e.g. <c>01MAIN_students_20300116T020000Z</c>.</param>
/// <param name="StartedUtc">When the run started.</param>
/// <param name="Mode">Full or delta.</param>
/// <param name="Succeeded">Whether the run placed its files (false: aborted or failed).</param>
/// <param name="RowsRead">Rows the source gave.</param>
/// <param name="People">Distinct person_ids among them.</param>
/// <param name="Written">Users written from rows.</param>
/// <param name="Unchanged">Users left out because unchanged since the last run (delta).</param>
/// <param name="Rejected">Rows rejected.</param>
/// <param name="Merged">Rows merged into another row of the same person.</param>
/// <param name="LeaversWritten">Leavers sent as INACTIVE.</param>
/// <param name="Users">Users the feed holds (written plus unchanged): what the drop threshold compares.</param>
internal sealed record RunRecord(
    long Id,
    string RunName,
    DateTimeOffset StartedUtc,
    string Mode,
    bool Succeeded,
    long RowsRead,
    long People,
    long Written,
    long Unchanged,
    long Rejected,
    long Merged,
    long LeaversWritten,
    long Users)
{
    /// <summary>Delivery is pending until every zip of the run was placed.</summary>
    public const string Pending = "pending";

    /// <summary>Every zip of the run was placed: Alma has what it holds.</summary>
    public const string Delivered = "delivered";

    /// <summary>A zip of the run could no longer be placed: what it held counts as never sent.</summary>
    public const string Abandoned = "abandoned";

    /// <summary>
    /// <see cref="Pending"/>, <see cref="Delivered"/> or <see cref="Abandoned"/> for a run that placed zips in the outbox;
    /// null for one that placed nothing (aborted, failed).
    /// </summary>
    public string? Delivery { get; init; }

    /// <summary>The record of a run numbered <paramref name="id"/> with <paramref name="counts"/>.</summary>
    public static RunRecord From(long id, string runName, DateTimeOffset startedUtc, ExportMode mode, bool succeeded, ExportCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return new RunRecord(id, runName, startedUtc, mode.ToString(), succeeded, counts.RowsRead, counts.People, counts.Written,
            counts.Unchanged, counts.Rejected, counts.Merged, counts.LeaversWritten, counts.Users);
    }
}
