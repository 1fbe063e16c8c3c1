namespace AlmaIntegrationKit.Transfer;

/// <summary>The naming and housekeeping rules shared by upload and connection test.</summary>
internal sealed record DropboxRules(
    string? FilePrefix,
    string HandledSuffix,
    bool PruneHandled,
    bool PruneExpired,
    int? RetentionDays,
    long? CapBytes)
{
    public const string PartSuffix = ".part";

    public static DropboxRules From(TransferOptions o) => new(
        o.Upload.FilePrefix,
        o.Upload.HandledSuffix,
        o.Upload.PruneHandled,
        o.Upload.PruneExpired,
        o.EffectiveRetentionDays,
        o.EffectiveDirectoryCapBytes);

    /// <summary>Whether a name is this college's, by its prefix (false when no prefix is configured).</summary>
    public bool IsOwn(string name) => FilePrefix is { Length: > 0 } p && name.StartsWith(p, StringComparison.Ordinal);

    public bool IsHandled(string name) => name.EndsWith(HandledSuffix, StringComparison.OrdinalIgnoreCase);

    public static bool IsPart(string name) => name.EndsWith(PartSuffix, StringComparison.Ordinal);

    public static bool IsZip(string name) => name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    /// <summary>Zips that Alma has not yet picked up (renamed).</summary>
    public static IEnumerable<RemoteEntry> Waiting(IEnumerable<RemoteEntry> entries) =>
        entries.Where(e => !e.IsDirectory && IsZip(e.Name)).OrderBy(e => e.LastWriteUtc).ThenBy(e => e.Name, StringComparer.Ordinal);

    /// <summary>Adds up the sizes of the files under a directory (three levels deep at most, symbolic links not followed).</summary>
    public static long Measure(IDropbox box, string directory, int depth = 3)
    {
        long total = 0;
        foreach (var e in box.List(directory))
        {
            if (!e.IsDirectory)
            {
                total += e.Size;
            }
            else if (depth > 0)
            {
                total += Measure(box, e.Path, depth - 1);
            }
        }

        return total;
    }

    /// <summary>
    /// Measures the cap's directory. When that is the institution directory above production/sandbox and the account
    /// may not list it, measures the remote directory instead and says so in <paramref name="note"/>.
    /// </summary>
    public static (string Scope, long Used) MeasureCapScope(IDropbox box, out string? note)
    {
        note = null;
        if (box.CapScope == box.Directory)
        {
            return (box.Directory, Measure(box, box.Directory));
        }

        try
        {
            return (box.CapScope, Measure(box, box.CapScope));
        }
        catch (Exception ex) when (ex is Renci.SshNet.Common.SftpPermissionDeniedException or Renci.SshNet.Common.SftpPathNotFoundException or UnauthorizedAccessException)
        {
            note = $"'{box.CapScope}' (the institution directory the cap covers) cannot be listed ({ex.Message}); only '{box.Directory}' was counted against the cap.";
            return (box.Directory, Measure(box, box.Directory));
        }
    }

    public static string Describe(RemoteEntry e) =>
        $"{e.Name} ({ByteSize.Format(e.Size)}, placed {e.LastWriteUtc:yyyy-MM-dd HH:mm}Z)";
}
