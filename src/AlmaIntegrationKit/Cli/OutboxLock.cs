namespace AlmaIntegrationKit.Cli;

/// <summary>Keeps two runs (or a run and an upload) from working on one outbox at the same time.</summary>
internal sealed class OutboxLock : IDisposable
{
    public const string FileName = ".alma-run.lock";

    private readonly FileStream _stream;

    private OutboxLock(FileStream stream) => _stream = stream;

    public static OutboxLock Take(string outbox)
    {
        var path = Path.Combine(outbox, FileName);
        try
        {
            Directory.CreateDirectory(outbox);
            return new OutboxLock(Open(path));
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new CliException($"The outbox {outbox} cannot be written ({exception.Message}). Give this account write permission on it, " +
                "or set Export:Outbox (or --out) to a folder it may write.");
        }
        catch (IOException) when (File.Exists(path) && IsHeld(path))
        {
            throw new CliException($"Another run or upload is working on the outbox {outbox} right now (it holds {FileName}); wait for it to finish. " +
                "If none is, a process of an earlier run is still alive: find it (e.g. ps) and end it.");
        }
        catch (IOException exception)
        {
            throw new CliException($"The outbox {outbox} cannot be written ({exception.Message}). Check that the disk is mounted writable and has free space " +
                "(Export:Outbox, or --out).");
        }
    }

    /// <summary>The lock, or null when another process holds it.</summary>
    public static OutboxLock? TryTake(string outbox)
    {
        try
        {
            return new OutboxLock(Open(Path.Combine(outbox, FileName)));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static FileStream Open(string path)
    {
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        // For a person looking: which process holds it. Its modification time is when the run started ('status' shows it).
        stream.SetLength(0);
        stream.Write(System.Text.Encoding.ASCII.GetBytes($"process {Environment.ProcessId}\n"));
        stream.Flush();
        return stream;
    }

    // Whether the lock file can be opened for reading but not locked: another process holds it.
    private static bool IsHeld(string path)
    {
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>When the run or upload that holds the outbox's lock started; null when none does (a lock file left by a crash is not held).</summary>
    public static DateTimeOffset? HeldSince(string outbox)
    {
        var path = Path.Combine(outbox, FileName);
        if (!File.Exists(path))
            return null;
        try
        {
            // Taking the lock for a moment is the only way to tell a live holder from a file left behind; nothing is written.
            using (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None))
                return null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (IOException)
        {
            return new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
        }
    }

    public void Dispose() => _stream.Dispose();
}
