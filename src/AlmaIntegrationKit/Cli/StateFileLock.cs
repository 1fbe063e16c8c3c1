namespace AlmaIntegrationKit.Cli;

/// <summary>
/// Keeps two real runs off one state file, whichever outbox each writes to: the second would count the first's users
/// as sent, or find the database busy. The lock is the operating system's, so a killed run leaves none behind.
/// </summary>
internal sealed class StateFileLock : IDisposable
{
    private readonly FileStream _stream;

    private StateFileLock(FileStream stream) => _stream = stream;

    /// <summary>The lock file beside <paramref name="stateFile"/>.</summary>
    public static string PathOf(string stateFile) => stateFile + ".lock";

    public static StateFileLock Take(string stateFile)
    {
        var path = PathOf(stateFile);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return new StateFileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose));
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new CliException($"The state file's folder {Path.GetDirectoryName(path)} cannot be written ({exception.Message}). " +
                "Give this account write permission on it, or set Export:StateFile to a file in a folder it may write.");
        }
        catch (IOException exception) when (File.Exists(path))
        {
            throw new CliException($"Another run is using the state file {stateFile} right now (it holds {Path.GetFileName(path)}; {exception.Message}). " +
                "Wait for it to finish: two runs of one feed never run at once. If the schedule starts runs faster than they finish, space them out.");
        }
        catch (IOException exception)
        {
            throw new CliException($"The lock file {path} beside the state file cannot be created ({exception.Message}). " +
                "Check that the folder of Export:StateFile exists on a writable disk with free space.");
        }
    }

    public void Dispose() => _stream.Dispose();
}
