namespace AlmaIntegrationKit.Cli;

/// <summary>Keeps two runs (or a run and an upload) from working on one outbox at the same time.</summary>
internal sealed class OutboxLock : IDisposable
{
    public const string FileName = ".alma-run.lock";

    private readonly FileStream _stream;

    private OutboxLock(FileStream stream) => _stream = stream;

    public static OutboxLock Take(string outbox)
    {
        Directory.CreateDirectory(outbox);
        var path = Path.Combine(outbox, FileName);
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            // For a person looking: which process holds it. Its modification time is when the run started ('status' shows it).
            stream.SetLength(0);
            stream.Write(System.Text.Encoding.ASCII.GetBytes($"process {Environment.ProcessId}\n"));
            stream.Flush();
            return new OutboxLock(stream);
        }
        catch (IOException)
        {
            throw new CliException($"Another run or upload is working on the outbox {outbox} (it holds {FileName}); wait for it to finish.");
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
