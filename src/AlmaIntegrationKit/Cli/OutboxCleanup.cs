using System.Globalization;
using AlmaIntegrationKit.Packaging;
using Microsoft.Extensions.Logging;

namespace AlmaIntegrationKit.Cli;

/// <summary>
/// Keeps an outbox tidy, before each run and under its lock: removes what a killed run left (zips still under their
/// temporary names, run folders without a manifest, half-written report files) and prunes runs older than
/// <c>Export:KeepDays</c> (their zips and reports hold personal data). A run whose zips were never placed is kept
/// whatever its age: those zips are what Alma still has to get.
/// </summary>
internal static class OutboxCleanup
{
    /// <summary>What one clean-up removed and kept.</summary>
    public sealed record Result(int TemporaryFiles, int UnfinishedRuns, int PrunedRuns, int PrunedZips, IReadOnlyList<string> KeptUnplaced);

    /// <summary>Cleans <paramref name="outbox"/>; prunes nothing when <paramref name="keepDays"/> is 0.</summary>
    public static Result Clean(string outbox, int keepDays, DateTimeOffset now)
    {
        if (!Directory.Exists(outbox))
            return new Result(0, 0, 0, 0, []);
        var temporary = 0;
        foreach (var path in Directory.EnumerateFiles(outbox, "*.zip.tmp"))
            temporary += TryDeleteFile(path);

        int unfinished = 0, prunedRuns = 0, prunedZips = 0;
        var kept = new List<string>();
        var zipNames = Directory.GetFiles(outbox, "*.zip").Select(Path.GetFileName).OfType<string>().ToList();
        var runFolders = Directory.GetDirectories(outbox).Where(IsRunFolder).ToList();
        var folderNames = runFolders.Select(Path.GetFileName).OfType<string>().ToList();
        foreach (var folder in runFolders)
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*.tmp"))
                temporary += TryDeleteFile(path);
            var manifestPath = Path.Combine(folder, RunManifest.FileName);
            var name = Path.GetFileName(folder);
            var zips = zipNames.Where(z => string.Equals(Outbox.RunFolderOf(z, folderNames), name, StringComparison.Ordinal))
                .Select(z => Path.Combine(outbox, z)).ToList();
            if (!File.Exists(manifestPath))
            {
                // Killed before its manifest: its zips never left their temporary names, so only reports are here.
                if (zips.Count == 0 && TryDeleteFolder(folder))
                    unfinished++;
                continue;
            }

            if (keepDays <= 0 || !TryReadManifest(manifestPath, out var manifest) || manifest.StartedUtc >= now.AddDays(-keepDays))
                continue;
            var log = PlacementLog.ReadFrom(folder);
            var unplaced = manifest.DryRun ? [] : zips.Where(z => !log.IsPlaced(Path.GetFileName(z))).ToList();
            if (unplaced.Count > 0)
            {
                kept.AddRange(unplaced.Select(Path.GetFileName).OfType<string>());
                continue;
            }

            foreach (var zip in zips)
                prunedZips += TryDeleteFile(zip);
            if (TryDeleteFolder(folder))
                prunedRuns++;
        }

        return new Result(temporary, unfinished, prunedRuns, prunedZips, kept);
    }

    /// <summary>Cleans <paramref name="outbox"/> and says what it did on the console and in the log.</summary>
    public static void CleanAndReport(CliContext context, string outbox, int keepDays)
    {
        var result = Clean(outbox, keepDays, context.Time.GetUtcNow());
        if (result.TemporaryFiles + result.UnfinishedRuns > 0)
        {
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Removed what an interrupted run left in {outbox}: {result.TemporaryFiles} temporary file(s), {result.UnfinishedRuns} unfinished run folder(s)."));
        }

        if (result.PrunedRuns > 0)
        {
            context.Logger.LogInformation("Removed {Runs} run(s) older than {Days} days (Export:KeepDays) and their {Zips} zip(s) from {Outbox}",
                result.PrunedRuns, keepDays, result.PrunedZips, outbox);
        }

        if (result.KeptUnplaced.Count > 0)
        {
            context.Logger.LogWarning(
                "{Count} zip(s) older than {Days} days were never placed and are kept until they are: {Zips}. Run 'upload' once the destination works.",
                result.KeptUnplaced.Count, keepDays, string.Join(", ", result.KeptUnplaced));
        }
    }

    /// <summary>
    /// Prunes the dry runs' folder of a real run's outbox, unless a dry run is using it right now (then the next run
    /// does it).
    /// </summary>
    public static void CleanDryRuns(CliContext context, string dryRunOutbox, int keepDays)
    {
        if (!Directory.Exists(dryRunOutbox) || OutboxLock.TryTake(dryRunOutbox) is not { } dryRunLock)
            return;
        using (dryRunLock)
            CleanAndReport(context, dryRunOutbox, keepDays);
    }

    // A folder a run made: it writes rejects.csv and merged.csv first, the manifest last.
    private static bool IsRunFolder(string folder) =>
        File.Exists(Path.Combine(folder, RejectsCsvWriter.FileName)) || File.Exists(Path.Combine(folder, MergedCsvWriter.FileName))
        || File.Exists(Path.Combine(folder, RunManifest.FileName));

    private static bool TryReadManifest(string path, out RunManifest manifest)
    {
        try
        {
            manifest = RunManifest.ReadFrom(path);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidDataException)
        {
            manifest = null!;
            return false;
        }
    }

    private static int TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
            return 1;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static bool TryDeleteFolder(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
