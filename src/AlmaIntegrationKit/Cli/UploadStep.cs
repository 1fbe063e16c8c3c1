using AlmaIntegrationKit.Transfer;
using Microsoft.Extensions.Logging;

namespace AlmaIntegrationKit.Cli;

/// <summary>Places zips with the transfer service and records where and when in each run's <c>placements.json</c>.</summary>
internal static class UploadStep
{
    public static async Task<(int ExitCode, UploadResult Result)> PlaceAsync(CliContext context, TransferService service, IReadOnlyList<Outbox.Zip> zips,
        CancellationToken cancellationToken, Action<string>? failed = null)
    {
        var started = context.Time.GetUtcNow();
        var paths = zips.Select(z => z.Path).ToList();
        context.Logger.LogInformation("Uploading {Count} zip(s)", zips.Count);
        var result = await ProgressDisplay.UploadAsync(context, paths, progress => service.UploadAsync(paths, progress, cancellationToken))
            .ConfigureAwait(false);

        foreach (var run in zips.GroupBy(z => z.RunFolder, StringComparer.Ordinal))
            PlacementLog.Append(run.Key, result, run.Select(z => z.Name).ToHashSet(StringComparer.Ordinal), started);

        foreach (var warning in result.Warnings)
            context.Logger.LogWarning("{Warning}", warning);
        if (result.Succeeded)
        {
            context.Logger.LogInformation("Placed {Count} zip(s) at {Destination}", result.Placed.Count, result.Destination);
            context.Out.Write(result.Render());
            return (ExitCodes.Success, result);
        }

        context.Err.Write(result.Render());
        context.Err.WriteLine($"The upload failed: {result.Failure!.Message}");
        failed?.Invoke(result.Failure.Hint.Length > 0 ? $"{result.Failure.Message} What to check: {result.Failure.Hint}" : result.Failure.Message);
        if (result.Failure.Hint.Length > 0)
            context.Err.WriteLine($"What to check: {result.Failure.Hint}");
        context.Err.WriteLine("The zips stay in the outbox; the next 'run' places them first, or 'upload' once the cause is fixed.");
        return (ExitCodes.Error, result);
    }
}
