namespace AlmaIntegrationKit.Cli;

/// <summary>
/// <c>upload</c>: places the zips that runs of this feed placed in the outbox and that have not reached their place for
/// Alma yet, oldest first, without exporting again (what the next <c>run</c> also does first). Zips the state does not
/// know of (a dry run's, another feed's, a killed run's) are never placed.
/// </summary>
internal static class UploadCommand
{
    public static async Task<int> ExecuteAsync(CliContext context, string? outOverride, CancellationToken cancellationToken)
    {
        var (outbox, stateFile) = ExportSettings.ReadPaths(context, outOverride);
        var service = TransferSetup.Service(context);
        using var outboxLock = OutboxLock.Take(outbox);
        _ = Outbox.Pending(outbox, out var dryRunZips);
        if (dryRunZips > 0)
            context.Out.WriteLine($"{dryRunZips} zip(s) in {outbox} are from dry runs: they are never uploaded (run without --dry-run to send).");
        if (!File.Exists(stateFile))
        {
            context.Out.WriteLine($"Nothing to upload: no run of this feed has been recorded (the state file {stateFile} does not exist).");
            return ExitCodes.Success;
        }

        return await DeliveryStep.PlaceAsync(context, service, stateFile, feed: null, outbox, currentRun: null, cancellationToken).ConfigureAwait(false);
    }
}
