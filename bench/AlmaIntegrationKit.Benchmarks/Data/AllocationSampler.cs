using System.Diagnostics.Tracing;

namespace AlmaIntegrationKit.Benchmarks.Data;

/// <summary>
/// Allocated bytes by type, from the runtime's allocation-tick events (one event per ~100 KB allocated, naming the
/// type that crossed the mark): a sampled picture, accurate for the types that dominate.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _bytes = [];

    public IReadOnlyList<(string Type, long Bytes)> Largest(int count)
    {
        lock (_bytes)
            return [.. _bytes.OrderByDescending(p => p.Value).Take(count).Select(p => (p.Key, p.Value))];
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.PayloadNames is not { } names)
            return;
        var type = (string?)eventData.Payload![names.IndexOf("TypeName")] ?? "?";
        var amount = names.IndexOf("AllocationAmount64") is var index and >= 0 ? Convert.ToInt64(eventData.Payload[index], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        lock (_bytes)
            _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
    }
}
