using AlmaIntegrationKit.Packaging;

namespace AlmaIntegrationKit.Cli;

/// <summary>The zips of an outbox and the run folders (manifest, reports, placements) they belong to.</summary>
internal static class Outbox
{
    /// <summary>One zip in the outbox and its run's report folder.</summary>
    public sealed record Zip(string Path, string Name, string RunFolder);

    /// <summary>
    /// Zips in <paramref name="outbox"/> that no upload has placed yet, in name order (which is run order). A dry run's
    /// zips are never pending: they are for review, not for Alma.
    /// </summary>
    public static IReadOnlyList<Zip> Pending(string outbox) => Pending(outbox, out _);

    /// <summary>As <see cref="Pending(string)"/>; <paramref name="dryRunZips"/> counts the dry runs' zips left out.</summary>
    public static IReadOnlyList<Zip> Pending(string outbox, out int dryRunZips)
    {
        dryRunZips = 0;
        if (!Directory.Exists(outbox))
            return [];
        var runFolders = Directory.GetDirectories(outbox).Select(Path.GetFileName).OfType<string>().ToList();
        var logs = new Dictionary<string, PlacementLog>(StringComparer.Ordinal);
        var pending = new List<Zip>();
        foreach (var path in Directory.GetFiles(outbox, "*.zip").Order(StringComparer.Ordinal))
        {
            var name = System.IO.Path.GetFileName(path);
            if (name.StartsWith('.'))
                continue; // a zip still being written
            var folder = System.IO.Path.Combine(outbox, RunFolderOf(name, runFolders) ?? "");
            if (!logs.TryGetValue(folder, out var log))
                logs[folder] = log = IsDryRun(folder) ? DryRunLog : PlacementLog.ReadFrom(folder);
            if (ReferenceEquals(log, DryRunLog))
                dryRunZips++;
            else if (!log.IsPlaced(name))
                pending.Add(new Zip(path, name, folder));
        }

        return pending;
    }

    private static readonly PlacementLog DryRunLog = new();

    /// <summary>Whether the run folder's manifest says it was a dry run.</summary>
    public static bool IsDryRun(string runFolder)
    {
        var path = System.IO.Path.Combine(runFolder, RunManifest.FileName);
        try
        {
            return File.Exists(path) && RunManifest.ReadFrom(path).DryRun;
        }
        catch (Exception exception) when (exception is IOException or System.Text.Json.JsonException or InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>The run folder of a zip named <c>&lt;run&gt;.zip</c> or <c>&lt;run&gt;_&lt;n&gt;.zip</c>, or null.</summary>
    public static string? RunFolderOf(string zipName, IEnumerable<string> runFolders)
    {
        var stem = System.IO.Path.GetFileNameWithoutExtension(zipName);
        return runFolders
            .Where(f => string.Equals(stem, f, StringComparison.Ordinal) || stem.StartsWith(f + "_", StringComparison.Ordinal))
            .OrderByDescending(f => f.Length)
            .FirstOrDefault();
    }
}
