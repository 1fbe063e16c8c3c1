using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.State;

namespace AlmaIntegrationKit.Cli;

/// <summary>What <c>status --json</c> prints: one JSON object, snake_case, for a monitoring system or a script.</summary>
/// <param name="StateFile">The state file's path.</param>
/// <param name="StateFileExists">Whether it exists (false before the first run).</param>
/// <param name="Outbox">The outbox's path.</param>
/// <param name="RunInProgressSinceUtc">When the run or upload now working on the outbox started; null when none is.</param>
/// <param name="Runs">The last runs, newest first.</param>
/// <param name="PendingUploads">The zips in the outbox not placed yet.</param>
/// <param name="Versions">What this job was built from.</param>
internal sealed record StatusReport(
    string StateFile,
    bool StateFileExists,
    string Outbox,
    DateTimeOffset? RunInProgressSinceUtc,
    IReadOnlyList<RunRecord> Runs,
    IReadOnlyList<string> PendingUploads,
    BuildVersions Versions)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static StatusReport Create(string stateFile, bool exists, string outbox, DateTimeOffset? inProgress, IReadOnlyList<RunRecord> runs,
        IReadOnlyList<string> pending, BuildVersions versions) =>
        new(stateFile, exists, outbox, inProgress, runs, pending.ToList(), versions);

    public void WriteTo(TextWriter writer)
    {
        writer.WriteLine(JsonSerializer.Serialize(this, Json));
        writer.Flush();
    }
}
