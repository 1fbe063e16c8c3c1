using System.Globalization;
using System.Text.Json;

namespace AlmaIntegrationKit.AlmaApi;

/// <summary>
/// One run of an Alma job as <c>GET /conf/jobs/{job_id}/instances</c> lists it (<c>rest_job_instance.xsd</c>): its
/// status (a code of the <c>systemJobStatus</c> table) and its counters (in Alma's UI the counters, statistics and
/// errors of the job report).
/// </summary>
/// <param name="Id">The instance id (Alma's "Process ID").</param>
/// <param name="Name">The instance name.</param>
/// <param name="Status">The status code, e.g. <c>COMPLETED_SUCCESS</c>, <c>COMPLETED_FAILED</c>, <c>RUNNING</c>.</param>
/// <param name="StatusDesc">Its label.</param>
/// <param name="SubmittedUtc">When the run was submitted.</param>
/// <param name="EndedUtc">When it ended, or null while it runs.</param>
/// <param name="Counters">Its counters in Alma's order.</param>
internal sealed record AlmaJobInstance(
    string Id,
    string? Name,
    string Status,
    string? StatusDesc,
    DateTimeOffset? SubmittedUtc,
    DateTimeOffset? EndedUtc,
    IReadOnlyList<AlmaJobCounter> Counters)
{
    /// <summary>Whether the run failed: its status says FAILED or the run was aborted or stopped.</summary>
    public bool Failed => HasFailed(Status);

    /// <summary>Whether the run has ended (its status starts with COMPLETED, or says failed).</summary>
    public bool Ended => HasEnded(Status);

    internal static bool HasFailed(string status) =>
        status.Contains("FAILED", StringComparison.OrdinalIgnoreCase)
        || status.Contains("ABORTED", StringComparison.OrdinalIgnoreCase)
        || status.Contains("STOPPED", StringComparison.OrdinalIgnoreCase);

    internal static bool HasEnded(string status) => HasFailed(status) || status.StartsWith("COMPLETED", StringComparison.OrdinalIgnoreCase);

    /// <summary>The users the run rejected or failed to load: the sum of the counters whose code or label speaks of rejects, errors or failures.</summary>
    public long RejectedUsers => Counters.Where(c => c.IsRejection).Sum(c => c.Value);

    internal static AlmaJobInstance Parse(JsonElement item)
    {
        var counters = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("counters", out var wrapper)
            ? AlmaJson.Items(wrapper, "counter")
            : AlmaJson.Items(item, "counter");
        return new AlmaJobInstance(
            AlmaJson.Text(item, "id") ?? "",
            AlmaJson.Text(item, "name"),
            AlmaJson.Code(item, "status") ?? "",
            AlmaJson.Desc(item, "status"),
            AlmaJson.Time(item, "submit_time"),
            AlmaJson.Time(item, "end_time"),
            counters.Select(c => new AlmaJobCounter(
                AlmaJson.Code(c, "type") ?? "",
                AlmaJson.Desc(c, "type"),
                long.TryParse(AlmaJson.Text(c, "value"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0)).ToList());
    }
}

/// <summary>One counter of a job run.</summary>
/// <param name="Type">The counter's code.</param>
/// <param name="Desc">Its label as Alma's job report shows it.</param>
/// <param name="Value">Its value.</param>
internal sealed record AlmaJobCounter(string Type, string? Desc, long Value)
{
    /// <summary>Whether the counter counts users Alma did not load (rejected, erroneous, failed).</summary>
    public bool IsRejection => Speaks(Type) || (Desc is not null && Speaks(Desc));

    private static bool Speaks(string text) =>
        text.Contains("reject", StringComparison.OrdinalIgnoreCase)
        || text.Contains("error", StringComparison.OrdinalIgnoreCase)
        || text.Contains("fail", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A job as <c>GET /conf/jobs</c> lists it.</summary>
/// <param name="Id">The job id.</param>
/// <param name="Name">Its name, which for an SIS job names the integration profile.</param>
/// <param name="Category">Its category code (USERS for SIS jobs).</param>
internal sealed record AlmaJob(string Id, string Name, string? Category)
{
    internal static AlmaJob Parse(JsonElement item) =>
        new(AlmaJson.Text(item, "id") ?? "", AlmaJson.Text(item, "name") ?? "", AlmaJson.Code(item, "category"));
}
