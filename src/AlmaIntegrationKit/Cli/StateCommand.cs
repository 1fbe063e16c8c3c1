using System.Globalization;
using AlmaIntegrationKit.State;

namespace AlmaIntegrationKit.Cli;

/// <summary>
/// <c>state show</c>, <c>state reset --reason</c>, <c>state release-id VALUE --reason</c>: the feed's state file, looked
/// at and changed by hand, each change recorded with its reason.
/// </summary>
internal static class StateCommand
{
    public static int Show(CliContext context)
    {
        var (_, stateFile) = ExportSettings.ReadPaths(context);
        if (!File.Exists(stateFile))
        {
            context.Out.WriteLine($"No state yet: {stateFile} does not exist. It is created by the first 'run'.");
            return ExitCodes.Success;
        }

        using var store = ExportStateStore.Open(stateFile);
        var summary = store.Summarize();
        var o = context.Out;
        o.WriteLine($"State file   {stateFile}");
        o.WriteLine($"Feed         {summary.Feed?.ToString() ?? "(not stamped yet)"}");
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Runs         {summary.Runs}"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"People       {summary.Delivered} delivered to Alma, {summary.Pending} with a newer record waiting to be placed, {summary.Left} sent as leavers"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Bindings     {summary.Bindings} primary_id and identifier values, each bound to the person it was delivered for"));
        o.WriteLine(summary.PendingZips == 0
            ? "Zips         every zip has been placed"
            : string.Create(CultureInfo.InvariantCulture, $"Zips         {summary.PendingZips} waiting to be placed (the next 'run' places them first, or 'upload' now)"));
        var full = store.LastDeliveredFullRunUtc();
        o.WriteLine($"Last full    {full?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "none delivered yet"}");
        foreach (var entry in store.History(10))
            o.WriteLine($"History      {entry.AtUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}  {entry.Action}: {entry.Detail} (reason: {entry.Reason})");
        return ExitCodes.Success;
    }

    public static int Reset(CliContext context, string? reason)
    {
        var stateFile = ExistingStateFile(context);
        using var store = ExportStateStore.Open(stateFile);
        var forgotten = store.Reset(RequireReason(reason, "state reset"), context.Time.GetUtcNow());
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"The state {stateFile} forgot what Alma has of {forgotten} people: the next run sends everyone. Runs and identity bindings are kept."));
        return ExitCodes.Success;
    }

    public static int ReleaseId(CliContext context, string value, string? reason)
    {
        var stateFile = ExistingStateFile(context);
        using var store = ExportStateStore.Open(stateFile);
        var released = store.ReleaseId(value, RequireReason(reason, "state release-id"), context.Time.GetUtcNow());
        if (released is null)
        {
            context.Out.WriteLine($"'{value}' is not bound to anyone in {stateFile}: nothing to release.");
            return ExitCodes.Success;
        }

        context.Out.WriteLine($"{released.Kind} '{released.Value}' is released from person_id {released.PersonId}: the next run may deliver it for another person.");
        return ExitCodes.Success;
    }

    private static string ExistingStateFile(CliContext context)
    {
        var (_, stateFile) = ExportSettings.ReadPaths(context);
        if (!File.Exists(stateFile))
            throw new CliException($"The state file {stateFile} does not exist: there is nothing to change (check Export:InstitutionCode, Export:Profile and Export:AlmaEnvironment).");
        return stateFile;
    }

    private static string RequireReason(string? reason, string command) =>
        string.IsNullOrWhiteSpace(reason)
            ? throw new CliException($"{command} needs --reason \"...\": the reason is kept in the state's history (e.g. \"cutover to production\").")
            : reason;
}
