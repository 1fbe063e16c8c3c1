namespace AlmaIntegrationKit.Transfer;

/// <summary>Why an upload or a connection stopped.</summary>
internal enum TransferFailureKind
{
    /// <summary>The options are not usable; see <see cref="TransferOptions.Validate"/>.</summary>
    Configuration,

    /// <summary>A local file to upload is missing, unreadable or not a zip.</summary>
    LocalFile,

    /// <summary>The private key file could not be read (wrong passphrase, unknown format).</summary>
    PrivateKey,

    /// <summary>The server could not be reached, or the connection broke, on every attempt.</summary>
    Network,

    /// <summary>The server presented a host key whose fingerprint is not the configured one. Never retried.</summary>
    HostKeyMismatch,

    /// <summary>The server refused the key or password. Never retried.</summary>
    Authentication,

    /// <summary>The server refused to list, write, rename or delete in the remote directory.</summary>
    PermissionDenied,

    /// <summary>The remote directory (or the folder) does not exist.</summary>
    DirectoryNotFound,

    /// <summary>Uploading would take the directory over its size cap; nothing was uploaded.</summary>
    CapExceeded,

    /// <summary>A file of the same name but another size is already in the remote directory; it was left alone.</summary>
    NameConflict,

    /// <summary>The remote <c>.part</c> file did not have the local size after the upload, on every attempt.</summary>
    SizeMismatch,

    /// <summary>The operation was cancelled.</summary>
    Cancelled,

    /// <summary>Anything else; the message carries the underlying error.</summary>
    Unexpected,
}

/// <summary>What stopped an upload, in words an operator can act on.</summary>
/// <param name="Kind">The category, for callers that branch on it (exit codes).</param>
/// <param name="Message">What happened, naming the host and port, directory, file or key file involved.</param>
/// <param name="Hint">What to check or change.</param>
internal sealed record TransferFailure(TransferFailureKind Kind, string Message, string Hint)
{
    /// <inheritdoc />
    public override string ToString() => $"{Message} {Hint}".Trim();
}
