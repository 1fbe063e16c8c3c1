namespace AlmaIntegrationKit.Transfer;

/// <summary>The remote directory as a local or mounted folder.</summary>
internal sealed class FolderDropbox : IDropbox
{
    private const int BufferSize = 1 << 20;

    public FolderDropbox(FolderOptions options)
    {
        Directory = Path.GetFullPath(options.Path!);
        Destination = Directory;
        CapScope = Directory;
    }

    public string Destination { get; }

    public string Directory { get; }

    public string CapScope { get; }

    public void Connect()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            throw new DirectoryNotFoundException($"The folder '{Directory}' does not exist.");
        }
    }

    public void Disconnect()
    {
    }

    public void Abort()
    {
    }

    public bool DirectoryExists(string path) => System.IO.Directory.Exists(path);

    public IReadOnlyList<RemoteEntry> List(string directory) =>
        new DirectoryInfo(directory).EnumerateFileSystemInfos()
            .Where(i => (i.Attributes & FileAttributes.ReparsePoint) == 0)
            .Select(i => new RemoteEntry(i.Name, i.FullName, i is FileInfo f ? f.Length : 0, i.LastWriteTimeUtc, i is DirectoryInfo))
            .ToList();

    public void Upload(Stream source, string path, Action<long> bytesSent)
    {
        using var target = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize);
        var buffer = new byte[BufferSize];
        long total = 0;
        int read;
        while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
        {
            target.Write(buffer, 0, read);
            total += read;
            bytesSent(total);
        }

        target.Flush(flushToDisk: true);
    }

    public long? SizeOf(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? info.Length : null;
    }

    public void Rename(string from, string to) => File.Move(from, to, overwrite: false);

    public void Delete(string path) => File.Delete(path);

    public (TransferFailure Failure, bool Transient) Classify(Exception error, string doing) => error switch
    {
        TransferException te => (te.Failure, te.Transient),
        OperationCanceledException => (new TransferFailure(TransferFailureKind.Cancelled, $"Cancelled while {doing}.", ""), false),
        DirectoryNotFoundException => (new TransferFailure(TransferFailureKind.DirectoryNotFound,
            $"The folder '{Directory}' (or a path in it) was not found while {doing}: {error.Message}",
            "Check Folder:Path and that the share is mounted."), false),
        UnauthorizedAccessException => (new TransferFailure(TransferFailureKind.PermissionDenied,
            $"Access was denied while {doing} in '{Directory}': {error.Message}",
            "Check that the account running the job may create, rename and delete files in Folder:Path."), false),
        IOException => (new TransferFailure(TransferFailureKind.Network,
            $"An I/O error occurred while {doing} in '{Directory}': {error.Message}",
            "Check the share is mounted and has room; a later run continues where this one stopped."), true),
        _ => (new TransferFailure(TransferFailureKind.Unexpected, $"Unexpected error while {doing} in '{Directory}': {error.GetType().Name}: {error.Message}", ""), false),
    };

    public void Dispose()
    {
    }
}
