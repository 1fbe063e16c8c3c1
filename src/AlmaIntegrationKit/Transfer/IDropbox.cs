namespace AlmaIntegrationKit.Transfer;

/// <summary>A file or directory in the remote directory.</summary>
internal sealed record RemoteEntry(string Name, string Path, long Size, DateTime LastWriteUtc, bool IsDirectory);

/// <summary>
/// The few operations placement needs, over SFTP or a folder. Implementations translate their errors in
/// <see cref="Classify"/>; placement itself is written once, in <see cref="Placement"/>.
/// </summary>
internal interface IDropbox : IDisposable
{
    /// <summary>Where files go, for messages; never holds secrets.</summary>
    string Destination { get; }

    /// <summary>The directory Alma polls.</summary>
    string Directory { get; }

    /// <summary>The directory whose total size the cap applies to.</summary>
    string CapScope { get; }

    /// <summary>Connects (again, after a failure) or checks the folder is there.</summary>
    void Connect();

    /// <summary>Disconnects; never throws.</summary>
    void Disconnect();

    /// <summary>Breaks an operation in flight (cancellation); may be called from another thread; never throws.</summary>
    void Abort();

    bool DirectoryExists(string path);

    IReadOnlyList<RemoteEntry> List(string directory);

    /// <summary>Writes <paramref name="source"/> to <paramref name="path"/>, replacing it, and makes it durable.</summary>
    void Upload(Stream source, string path, Action<long> bytesSent);

    /// <summary>The size of a file, or null when it does not exist.</summary>
    long? SizeOf(string path);

    /// <summary>Renames; fails when <paramref name="to"/> exists.</summary>
    void Rename(string from, string to);

    void Delete(string path);

    /// <summary>Turns an error of this dropbox into a failure an operator can act on, and says whether it is worth retrying.</summary>
    (TransferFailure Failure, bool Transient) Classify(Exception error, string doing);
}
