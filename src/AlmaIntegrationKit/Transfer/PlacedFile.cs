namespace AlmaIntegrationKit.Transfer;

/// <summary>How a file came to be in the remote directory.</summary>
internal enum PlacementOutcome
{
    /// <summary>Uploaded by this run (as <c>.part</c>, size checked, renamed).</summary>
    Uploaded,

    /// <summary>A file of the same name and size was already there (an earlier run placed it): not uploaded twice.</summary>
    AlreadyPresent,

    /// <summary>Alma has already loaded a file of the same name and size (it carries the handled suffix): not uploaded again.</summary>
    AlreadyHandled,
}

/// <summary>One zip in its place, for the run manifest.</summary>
/// <param name="LocalPath">The local file.</param>
/// <param name="RemotePath">Where it is on the server (or in the folder).</param>
/// <param name="SizeBytes">Its size, equal on both sides.</param>
/// <param name="PlacedAtUtc">When it was placed (for files already there: the server's modification time).</param>
/// <param name="Outcome">Whether this run uploaded it.</param>
internal sealed record PlacedFile(string LocalPath, string RemotePath, long SizeBytes, DateTimeOffset PlacedAtUtc, PlacementOutcome Outcome);

/// <summary>Why a file was removed from the remote directory.</summary>
internal enum RemovalReason
{
    /// <summary>A <c>.part</c> left by an interrupted earlier run of this college.</summary>
    StalePart,

    /// <summary>A file of this college's that Alma marked handled (<c>Upload:PruneHandled</c>).</summary>
    Handled,

    /// <summary>A file of this college's older than the retention period (<c>Upload:PruneExpired</c>).</summary>
    Expired,
}

/// <summary>A file removed from the remote directory by this run.</summary>
/// <param name="RemotePath">Its path.</param>
/// <param name="SizeBytes">Its size.</param>
/// <param name="LastWriteUtc">Its modification time on the server.</param>
/// <param name="Reason">Why it was removed.</param>
internal sealed record RemovedFile(string RemotePath, long SizeBytes, DateTimeOffset LastWriteUtc, RemovalReason Reason);

/// <summary>The size check against the directory cap.</summary>
/// <param name="ScopePath">The directory whose size counts (for Ex Libris Secure FTP the institution directory above production/sandbox).</param>
/// <param name="UsedBytes">Bytes already there (after cleanup and pruning).</param>
/// <param name="IncomingBytes">Bytes this run would add.</param>
/// <param name="CapBytes">The cap, or null when none applies.</param>
internal sealed record CapCheck(string ScopePath, long UsedBytes, long IncomingBytes, long? CapBytes)
{
    /// <summary>How far over the cap the upload would go (0 when it fits).</summary>
    public long OverByBytes => CapBytes is { } cap ? Math.Max(0, UsedBytes + IncomingBytes - cap) : 0;

    /// <summary>Whether the upload fits.</summary>
    public bool Fits => OverByBytes == 0;

    /// <summary>Room left under the cap before this run's files, or null when none applies.</summary>
    public long? FreeBytes => CapBytes is { } cap ? Math.Max(0, cap - UsedBytes) : null;

    /// <inheritdoc />
    public override string ToString() => CapBytes is { } cap
        ? $"{ByteSize.Format(UsedBytes)} used + {ByteSize.Format(IncomingBytes)} new of {ByteSize.Format(cap)} cap in {ScopePath}" +
          (Fits ? "" : $": over by {ByteSize.Format(OverByBytes)}")
        : $"{ByteSize.Format(UsedBytes)} used + {ByteSize.Format(IncomingBytes)} new in {ScopePath} (no cap)";
}

/// <summary>Progress of one file's upload.</summary>
/// <param name="FileName">The zip's name.</param>
/// <param name="BytesSent">Bytes sent so far.</param>
/// <param name="TotalBytes">The file's size.</param>
internal readonly record struct TransferProgress(string FileName, long BytesSent, long TotalBytes);
