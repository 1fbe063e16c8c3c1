namespace AlmaIntegrationKit.Cli;

/// <summary>
/// The copy of the state file a dry run measures against (so that the real one is never changed), in a folder of the
/// temporary folder that the copy's lock file marks as in use. Disposing deletes the folder; a folder left by a dry
/// run that was killed (the copy holds what was sent to Alma) is removed by the next dry run, once no process holds its
/// lock.
/// </summary>
internal sealed class DryRunStateCopy : IDisposable
{
    private const string Prefix = "alma-dry-run-";
    private const string LockName = ".in-use";

    private readonly FileStream _lock;

    private DryRunStateCopy(string folder, string statePath, FileStream inUse)
    {
        Folder = folder;
        StatePath = statePath;
        _lock = inUse;
    }

    /// <summary>The folder that holds the copy.</summary>
    public string Folder { get; }

    /// <summary>The copy of the state file (which need not exist: a first run has none).</summary>
    public string StatePath { get; }

    /// <summary>Copies <paramref name="stateFile"/> and its write-ahead log, when they exist, into a new folder of <paramref name="temporaryFolder"/>.</summary>
    public static DryRunStateCopy Create(string stateFile, string temporaryFolder)
    {
        RemoveAbandoned(temporaryFolder);
        var folder = Path.Combine(temporaryFolder, Prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var inUse = new FileStream(Path.Combine(folder, LockName), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        var copy = new DryRunStateCopy(folder, Path.Combine(folder, Path.GetFileName(stateFile)), inUse);
        try
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                if (File.Exists(stateFile + suffix))
                    File.Copy(stateFile + suffix, copy.StatePath + suffix);
            }
        }
        catch
        {
            copy.Dispose();
            throw;
        }

        return copy;
    }

    /// <summary>Deletes the copies in <paramref name="temporaryFolder"/> whose dry run is gone (their lock is free).</summary>
    public static int RemoveAbandoned(string temporaryFolder)
    {
        if (!Directory.Exists(temporaryFolder))
            return 0;
        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(temporaryFolder, Prefix + "*"))
        {
            try
            {
                var lockPath = Path.Combine(folder, LockName);
                if (!File.Exists(lockPath) && Directory.GetCreationTimeUtc(folder) > DateTime.UtcNow.AddHours(-1))
                    continue; // a dry run that is taking its lock right now
                if (File.Exists(lockPath))
                {
                    // Throws while the dry run that made it still runs.
                    using var probe = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                }

                Directory.Delete(folder, recursive: true);
                removed++;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
            }
        }

        return removed;
    }

    public void Dispose()
    {
        _lock.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
        }
    }
}
