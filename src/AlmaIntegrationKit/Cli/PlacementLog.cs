using System.Text.Json;
using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.Transfer;

namespace AlmaIntegrationKit.Cli;

/// <summary>
/// <c>placements.json</c>, beside a run's <c>manifest.json</c>: every upload of the run's zips, where and when each
/// was placed, failed attempts included; <c>upload</c> reads it to know which zips of the outbox are still pending.
/// The manifest's <c>placements</c> list is brought up to date from it after each upload.
/// </summary>
internal sealed record PlacementLog
{
    /// <summary>The file name in the run's report folder.</summary>
    public const string FileName = "placements.json";

    /// <summary>The uploads, oldest first.</summary>
    public List<PlacementAttempt> Uploads { get; init; } = [];

    /// <summary>Whether a zip of this name is in its place (uploaded, or found there already) by any upload.</summary>
    public bool IsPlaced(string zipName) => Uploads.Any(u => u.Files.Any(f => string.Equals(f.Name, zipName, StringComparison.Ordinal)));

    /// <summary>Reads the log in <paramref name="folder"/>; empty when there is none yet.</summary>
    public static PlacementLog ReadFrom(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            return new PlacementLog();
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<PlacementLog>(stream, KitJson.Options) ?? new PlacementLog();
    }

    /// <summary>Adds <paramref name="result"/> (only the zips of <paramref name="zipNames"/>) to the log in <paramref name="folder"/>, written atomically.</summary>
    public static PlacementLog Append(string folder, UploadResult result, IReadOnlyCollection<string> zipNames, DateTimeOffset startedUtc)
    {
        Directory.CreateDirectory(folder);
        var log = ReadFrom(folder);
        log.Uploads.Add(new PlacementAttempt
        {
            Destination = result.Destination,
            StartedUtc = startedUtc,
            Succeeded = result.Succeeded,
            Failure = result.Failure?.ToString(),
            Files = result.Placed
                .Where(p => zipNames.Contains(Path.GetFileName(p.LocalPath)))
                .Select(p => new PlacementEntry(Path.GetFileName(p.LocalPath), p.RemotePath, p.SizeBytes, p.PlacedAtUtc, p.Outcome))
                .ToList(),
        });
        var path = Path.Combine(folder, FileName);
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
            JsonSerializer.Serialize(stream, log, KitJson.Options);
        File.Move(temporary, path, overwrite: true);
        RecordInManifest(folder, log);
        return log;
    }

    private static void RecordInManifest(string folder, PlacementLog log)
    {
        var manifestPath = Path.Combine(folder, RunManifest.FileName);
        if (!File.Exists(manifestPath))
            return;
        var placements = log.Uploads
            .SelectMany(upload => upload.Files.Select(file => new ManifestPlacement(
                file.Name, upload.Destination, file.RemotePath, file.SizeBytes, file.PlacedAtUtc, JsonNamingPolicy.SnakeCaseLower.ConvertName(file.Outcome.ToString()))))
            .ToList();
        (RunManifest.ReadFrom(manifestPath) with { Placements = placements }).WriteTo(manifestPath);
    }
}

/// <summary>One upload of some of a run's zips.</summary>
internal sealed record PlacementAttempt
{
    /// <summary>Where the files went, e.g. <c>sftp://alma@sftp.example.edu:22/production</c> or a folder; never holds secrets.</summary>
    public required string Destination { get; init; }

    /// <summary>When the upload started (UTC).</summary>
    public required DateTimeOffset StartedUtc { get; init; }

    /// <summary>Whether every file given was placed.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>Why it stopped, when it did.</summary>
    public string? Failure { get; init; }

    /// <summary>The zips in their place.</summary>
    public List<PlacementEntry> Files { get; init; } = [];
}

/// <summary>One zip in its place.</summary>
/// <param name="Name">The zip's file name.</param>
/// <param name="RemotePath">Where it is on the server or in the folder.</param>
/// <param name="SizeBytes">Its size.</param>
/// <param name="PlacedAtUtc">When it was placed (for a file already there: the server's modification time).</param>
/// <param name="Outcome">Whether this upload sent it or found it there.</param>
internal sealed record PlacementEntry(string Name, string RemotePath, long SizeBytes, DateTimeOffset PlacedAtUtc, PlacementOutcome Outcome);
