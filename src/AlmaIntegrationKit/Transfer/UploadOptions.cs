namespace AlmaIntegrationKit.Transfer;

/// <summary>The <c>Upload</c> configuration section.</summary>
internal sealed class UploadOptions
{
    /// <summary>Where files go (<c>Upload:Kind</c>): <c>ExLibrisSecureFtp</c>, <c>Sftp</c> or <c>Folder</c>. Required.</summary>
    public UploadKind? Kind { get; set; }

    /// <summary>
    /// The start of every file name this college's feed produces (<c>Upload:FilePrefix</c>), e.g. <c>riverside_users_</c>.
    /// Files that start with it are "this college's own": stale <c>.part</c> files of its own are removed, and pruning
    /// touches nothing else. Without it only the <c>.part</c> files of the files being uploaded are cleaned up, and
    /// pruning is refused.
    /// </summary>
    public string? FilePrefix { get; set; }

    /// <summary>Delete this college's own files that Alma marked handled (<c>Upload:PruneHandled</c>, default false).</summary>
    public bool PruneHandled { get; set; }

    /// <summary>Delete this college's own files older than the retention period (<c>Upload:PruneExpired</c>, default false).</summary>
    public bool PruneExpired { get; set; }

    /// <summary>The suffix Alma adds to a file it has loaded (<c>Upload:HandledSuffix</c>, default <c>.handled</c>).</summary>
    public string HandledSuffix { get; set; } = ".handled";

    /// <summary>How many times a connection is tried on transient network errors (<c>Upload:MaxAttempts</c>, default 4).</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Delay before the first retry in seconds; it doubles on each further retry (<c>Upload:RetryDelaySeconds</c>, default 5).</summary>
    public double RetryDelaySeconds { get; set; } = 5;

    /// <inheritdoc />
    public override string ToString() =>
        $"Kind={Kind}, FilePrefix={FilePrefix}, PruneHandled={PruneHandled}, PruneExpired={PruneExpired}, " +
        $"HandledSuffix={HandledSuffix}, MaxAttempts={MaxAttempts}, RetryDelaySeconds={RetryDelaySeconds}";
}
