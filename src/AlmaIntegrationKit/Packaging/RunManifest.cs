using System.Text.Json;
using AlmaIntegrationKit.Results;

namespace AlmaIntegrationKit.Packaging;

/// <summary>
/// <c>manifest.json</c>: what one run read, sent, rejected and merged, and the zips it made. Counts add up:
/// rows_read = written + unchanged + rejected + merged.
/// </summary>
internal sealed record RunManifest
{
    /// <summary>The file name in the run's report folder.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The run's name.</summary>
    public required string RunName { get; init; }

    /// <summary>The source the rows came from.</summary>
    public required string Source { get; init; }

    /// <summary>When the run started (UTC).</summary>
    public required DateTimeOffset StartedUtc { get; init; }

    /// <summary>The run date.</summary>
    public required DateOnly RunDate { get; init; }

    /// <summary>Full or delta.</summary>
    public required ExportMode Mode { get; init; }

    /// <summary>Whether the zips were placed in the outbox (false: a threshold aborted the run).</summary>
    public required bool Placed { get; init; }

    /// <summary>
    /// Whether this was a dry run (<c>run --dry-run</c>): its zips are for looking at, never for Alma; <c>upload</c>
    /// leaves them alone and <c>Export:KeepDays</c> prunes them like any run.
    /// </summary>
    public bool DryRun { get; init; }

    /// <summary>Whether the run was placed despite an exceeded threshold.</summary>
    public required bool Forced { get; init; }

    /// <summary>The counts.</summary>
    public required ExportCounts Counts { get; init; }

    /// <summary>Users written per user group code, in code order.</summary>
    public required IReadOnlyDictionary<string, long> WrittenByUserGroup { get; init; }

    /// <summary>Rejected records per rule of their first problem, in rule order.</summary>
    public required IReadOnlyDictionary<string, long> RejectedByRule { get; init; }

    /// <summary>The safety verdicts.</summary>
    public required IReadOnlyList<ThresholdVerdict> Thresholds { get; init; }

    /// <summary>The zips, in order.</summary>
    public required IReadOnlyList<ManifestZip> Zips { get; init; }

    /// <summary>What the job was built from (kit, generator, template, schema publication); null in manifests of older kits.</summary>
    public BuildVersions? Versions { get; init; }

    /// <summary>Where and when each zip was placed for Alma; empty until an upload placed one.</summary>
    public IReadOnlyList<ManifestPlacement> Placements { get; init; } = [];

    /// <summary>Writes the manifest as indented JSON to <paramref name="path"/>, complete or not at all.</summary>
    public void WriteTo(string path)
    {
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
            JsonSerializer.Serialize(stream, this, KitJson.Options);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>A manifest with one of everything, for the start-up warm-up (<c>WarmUpExercises</c>).</summary>
    internal static RunManifest Example() =>
        new()
        {
            RunName = "", Source = "", StartedUtc = default, RunDate = default, Mode = ExportMode.Full, Placed = false, Forced = false,
            Counts = new ExportCounts(), WrittenByUserGroup = new SortedDictionary<string, long> { [""] = 0 },
            RejectedByRule = new SortedDictionary<string, long> { [""] = 0 }, Thresholds = [new ThresholdVerdict("", 0, 0, false, "")],
            Zips = [new ManifestZip("", 0, "", 0, 0)], Versions = new BuildVersions("", "", "", "", "", ""),
        };

    /// <summary>Reads a manifest written by <see cref="WriteTo"/>.</summary>
    public static RunManifest ReadFrom(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<RunManifest>(stream, KitJson.Options) ?? throw new InvalidDataException($"'{path}' holds no manifest.");
    }
}

/// <summary>One zip as the manifest lists it.</summary>
/// <param name="Name">Its file name.</param>
/// <param name="SizeBytes">Its size.</param>
/// <param name="Sha256">The SHA-256 of its bytes, lowercase hex.</param>
/// <param name="UserCount">The users in it.</param>
/// <param name="XmlFileCount">The XML files in it.</param>
internal sealed record ManifestZip(string Name, long SizeBytes, string Sha256, int UserCount, int XmlFileCount);

/// <summary>One zip in its place for Alma.</summary>
/// <param name="Name">The zip's file name.</param>
/// <param name="Destination">The server or folder, e.g. <c>sftp://alma@sftp.example.edu:22/production</c>; never holds secrets.</param>
/// <param name="RemotePath">Where the zip is there.</param>
/// <param name="SizeBytes">Its size.</param>
/// <param name="PlacedAtUtc">When it was placed (for a zip found there already: the server's modification time).</param>
/// <param name="Outcome">Whether the upload sent it or found it there.</param>
internal sealed record ManifestPlacement(string Name, string Destination, string RemotePath, long SizeBytes, DateTimeOffset PlacedAtUtc, string Outcome);
