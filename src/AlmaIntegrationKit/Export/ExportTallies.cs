using AlmaIntegrationKit.Results;

namespace AlmaIntegrationKit.Export;

/// <summary>The counts the reading thread keeps while it decides rows (<see cref="RowDecision{TUser}"/>).</summary>
internal sealed class ReadingTally
{
    public long RowsRead { get; set; }

    public long Rejected { get; set; }

    public long Merged { get; set; }

    public Dictionary<string, long> RejectedByRule { get; } = new(StringComparer.Ordinal);

    public void CountRejection(string rule)
    {
        Rejected++;
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

    public Dictionary<string, long> WrittenByGroup { get; } = new(StringComparer.Ordinal);

    /// <summary>The run's counts, once both threads are done.</summary>
    public ExportCounts Combine(ReadingTally reading, long people) => new()
    {
        RowsRead = reading.RowsRead,
        People = people,
        Written = Written,
        Unchanged = Unchanged,
        Rejected = reading.Rejected,
        Merged = reading.Merged,
        LeaversWritten = LeaversWritten,
        WithWarnings = WithWarnings,
    };
}
