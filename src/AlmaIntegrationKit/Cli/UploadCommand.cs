namespace AlmaIntegrationKit.Cli;

/// <summary><c>upload</c>: places the outbox's zips that no upload has placed yet, without exporting again.</summary>
internal static class UploadCommand
{
    public static async Task<int> ExecuteAsync(CliContext context, string? outOverride, CancellationToken cancellationToken)
    {
        var (outbox, _) = ExportSettings.ReadPaths(context, outOverride);
        var service = TransferSetup.Service(context);
        using var outboxLock = OutboxLock.Take(outbox);
        var pending = Outbox.Pending(outbox, out var dryRunZips);
        if (dryRunZips > 0)
            context.Out.WriteLine($"{dryRunZips} zip(s) in {outbox} are from dry runs: they are never uploaded (run without --dry-run to send).");
        if (pending.Count == 0)
        {
            context.Out.WriteLine($"Nothing to upload: every zip in {outbox} has been placed.");
            return ExitCodes.Success;
        }

        return await UploadStep.PlaceAsync(context, service, pending, cancellationToken).ConfigureAwait(false);
    }
}
