namespace AlmaIntegrationKit.Results;

/// <summary>What became of the rows of one run. Every row is exactly one of written, unchanged, rejected or merged.</summary>
internal sealed record ExportCounts
{
    /// <summary>Records the source gave, rejected ones included.</summary>
    public long RowsRead { get; init; }

    /// <summary>Distinct person_ids among the rows.</summary>
    public long People { get; init; }

    /// <summary>Users written from rows.</summary>
    public long Written { get; init; }

    /// <summary>Users left out of a delta run because Alma already has them as they are (always 0 in a full run).</summary>
    public long Unchanged { get; init; }

    /// <summary>Rows rejected, with their reasons in <c>rejects.csv</c>.</summary>
    public long Rejected { get; init; }

    /// <summary>Rows folded into another row of the same person, with their reasons in <c>merged.csv</c>.</summary>
    public long Merged { get; init; }

    /// <summary>Leavers sent as INACTIVE (not rows of this extract: on top of <see cref="Written"/>).</summary>
    public long LeaversWritten { get; init; }

    /// <summary>People who left the extract but were not sent as leavers this run (see the run's notices for why).</summary>
    public long LeaversHeldBack { get; init; }

    /// <summary>ACTIVE users written although their expiry date had passed.</summary>
    public long ExpiredActive { get; init; }

    /// <summary>Users that were sent with warnings.</summary>
    public long WithWarnings { get; init; }

    /// <summary>Users the feed holds: written plus unchanged. The drop threshold compares it with the last run.</summary>
    public long Users => Written + Unchanged;

    /// <summary>Whether rows read = written + unchanged + rejected + merged.</summary>
    public bool AddUp => RowsRead == Written + Unchanged + Rejected + Merged;
}
