using AlmaIntegrationKit.AlmaApi;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Results;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace AlmaIntegrationKit.Cli;

/// <summary>
/// <c>Export:FullAfterAlmaErrors</c>: a delta run becomes a full run when <c>job-status</c> recorded a run of Alma's SIS
/// job that failed or rejected users since the last full run. The state counts what a delta sent as delivered, so
/// without it the users of a failed load would not be sent again until they change.
/// </summary>
internal static class FullAfterAlmaErrors
{
    public const string Setting = "Export:FullAfterAlmaErrors";

    /// <summary>The settings of this run: <paramref name="settings"/>, or the same as a full run.</summary>
    public static ExportSettings Apply(CliContext context, ExportSettings settings, ExportMode? modeOverride)
    {
        if (modeOverride is not null || settings.Mode != ExportMode.Delta || !context.Configuration.GetValue(Setting, false)
            || !JobStatusStore.Exists(settings.StateFile))
            return settings; // --delta on the command line is the operator's word
        using var store = JobStatusStore.Open(settings.StateFile);
        if (store.LastWithErrorsAfter(store.LastFullRunStartedUtc()) is not { } bad)
            return settings;
        context.Logger.LogWarning(
            "{Setting}: Alma's SIS job run {Run} ({Status}, {Rejected} user(s) rejected) came after the last full run: this run is a full run, so that Alma gets every user again",
            Setting, bad.InstanceId, bad.Status, bad.RejectedUsers);
        context.Out.WriteLine($"Full run instead of delta: Alma's SIS job run {bad.InstanceId} {(bad.Failed ? "failed" : "rejected users")} since the last full run ({Setting}).");
        return settings with { Mode = ExportMode.Full };
    }
}
