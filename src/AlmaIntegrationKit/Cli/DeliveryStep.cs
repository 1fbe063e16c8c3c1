using System.Globalization;
using AlmaIntegrationKit.State;
using AlmaIntegrationKit.Transfer;
using Microsoft.Extensions.Logging;

namespace AlmaIntegrationKit.Cli;

/// <summary>
/// Delivers what the state says is not yet delivered: every zip that runs placed in the outbox but that has not reached
/// its place for Alma, oldest run first, and records each as placed; a run whose zips are all placed becomes what the
/// state says Alma has. Used by <c>run</c> after its export and by <c>upload</c>, so that a night whose upload failed is
/// delivered by the next night's run, before that night's own zips and in order.
/// </summary>
internal static class DeliveryStep
{
    public static async Task<int> PlaceAsync(CliContext context, TransferService transfer, string statePath, FeedIdentity? feed, string outbox,
        string? currentRun, CancellationToken cancellationToken, Action<string>? failed = null)
    {
        List<PendingZip> pending;
        using (var store = ExportStateStore.Open(statePath, feed))
            pending = Placeable(context, store, outbox);
        if (pending.Count == 0)
        {
            context.Out.WriteLine("Nothing to upload: every zip the state knows of has been placed.");
            return ExitCodes.Success;
        }

        var earlier = pending.Where(z => !string.Equals(z.RunName, currentRun, StringComparison.Ordinal)).ToList();
        if (earlier.Count > 0 && currentRun is not null)
        {
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Placing first {earlier.Count} zip(s) that earlier runs left unplaced: {string.Join(", ", earlier.Select(z => z.FileName))}"));
            context.Logger.LogWarning("{Count} zip(s) of earlier runs were not placed yet; placing them first", earlier.Count);
        }

        var zips = pending.Select(z => new Outbox.Zip(Path.Combine(outbox, z.FileName), z.FileName, Path.Combine(outbox, z.RunName))).ToList();
        var (exitCode, result) = await UploadStep.PlaceAsync(context, transfer, zips, cancellationToken, failed).ConfigureAwait(false);

        var byName = pending.ToDictionary(z => z.FileName, StringComparer.Ordinal);
        using (var store = ExportStateStore.Open(statePath, feed))
        {
            foreach (var placed in result.Placed)
            {
                if (byName.TryGetValue(Path.GetFileName(placed.LocalPath), out var zip) && store.MarkPlaced(zip, placed.PlacedAtUtc))
                    context.Logger.LogInformation("Run {RunName} delivered: every zip of it is in place for Alma", zip.RunName);
            }
        }

        return exitCode;
    }

    /// <summary>
    /// The state's pending zips that are still in the outbox. A run one of whose zips is gone (removed by hand, or lost
    /// with the disk) can never be delivered whole: it is given up, so that its users count as not sent. A run calls
    /// this before its export, which then sends them again.
    /// </summary>
    public static List<PendingZip> Placeable(CliContext context, ExportStateStore store, string outbox)
    {
        var pending = store.PendingZips().ToList();
        foreach (var run in pending.GroupBy(z => z.RunId).ToList())
        {
            var missing = run.Where(z => !File.Exists(Path.Combine(outbox, z.FileName))).Select(z => z.FileName).ToList();
            if (missing.Count == 0)
                continue;
            store.Abandon(run.Key);
            pending.RemoveAll(z => z.RunId == run.Key);
            context.Err.WriteLine($"Run {run.First().RunName} can no longer be delivered: {string.Join(", ", missing)} is not in {outbox}. " +
                "Its users count as not sent, so the next run sends them again.");
            context.Logger.LogWarning("Run {RunName} abandoned: zip(s) missing from the outbox", run.First().RunName);
        }

        return pending;
    }
}
