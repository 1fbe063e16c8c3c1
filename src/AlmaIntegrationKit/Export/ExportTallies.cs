using AlmaIntegrationKit.Results;

namespace AlmaIntegrationKit.Export;

/// <summary>The counts the reading thread keeps while it decides rows (<see cref="RowDecision{TUser}"/>).</summary>
internal sealed class ReadingTally
{
    public long RowsRead { get; set; }

    public long Rejected { get; set; }

    public long Merged { get; set; }

    /// <summary>Rejected records whose person_id could not be read: any of them may be a person who is still there.</summary>
    public long RejectedWithoutPersonId { get; set; }

    /// <summary>ACTIVE users written although their expiry date has passed.</summary>
    public long ExpiredActive { get; set; }

    public Dictionary<string, long> RejectedByRule { get; } = new(StringComparer.Ordinal);

    public void CountRejection(string rule, bool personIdReadable)
    {
        Rejected++;
        if (!personIdReadable)
            RejectedWithoutPersonId++;
        RejectedByRule[rule] = RejectedByRule.GetValueOrDefault(rule) + 1;
    }
}

/// <summary>The counts the writing thread keeps while it records outcomes (<see cref="OutcomeRecorder{TUser}"/>).</summary>
internal sealed class WritingTally
{
    public long Written { get; set; }

    public long Unchanged { get; set; }

    public long WithWarnings { get; set; }

    public long LeaversWritten { get; set; }

    /// <summary>Leavers not sent this run (see <see cref="LeaverSend{TUser}"/>).</summary>
    public long LeaversHeldBack { get; set; }

    /// <summary>Rows rejected here: a value already delivered for another person (identity binding).</summary>
    public long Rejected { get; set; }

    public Dictionary<string, long> WrittenByGroup { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> RejectedByRule { get; } = new(StringComparer.Ordinal);

    public void CountRejection(string rule)
    {
        Rejected++;
        RejectedByRule[rule] = RejectedByRule.GetValueOrDefault(rule) + 1;
    }

    /// <summary>The rejections of both threads by rule.</summary>
    public SortedDictionary<string, long> RejectedByRuleWith(ReadingTally reading)
    {
        var all = new SortedDictionary<string, long>(reading.RejectedByRule, StringComparer.Ordinal);
        foreach (var (rule, count) in RejectedByRule)
            all[rule] = all.GetValueOrDefault(rule) + count;
        return all;
    }

    /// <summary>The run's counts, once both threads are done.</summary>
    public ExportCounts Combine(ReadingTally reading, long people) => new()
    {
        RowsRead = reading.RowsRead,
        People = people,
        Written = Written,
        Unchanged = Unchanged,
        Rejected = reading.Rejected + Rejected,
        Merged = reading.Merged,
        LeaversWritten = LeaversWritten,
        LeaversHeldBack = LeaversHeldBack,
        WithWarnings = WithWarnings,
        ExpiredActive = reading.ExpiredActive,
    };
}
