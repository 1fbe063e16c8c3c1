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
            return new OutboxLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose));
        }
        catch (IOException)
        {
            throw new CliException($"Another run or upload is working on the outbox {outbox} (it holds {FileName}); wait for it to finish.");
        }
    }

    public void Dispose() => _stream.Dispose();
}
