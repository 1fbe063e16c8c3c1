using Microsoft.Data.Sqlite;

namespace AlmaIntegrationKit.Cli;

/// <summary>Turns SQLite's errors on the state file into messages that name the file and say what to do.</summary>
internal static class StateFileErrors
{
    // SQLite's primary result codes (https://www.sqlite.org/rescode.html).
    private const int Perm = 3, Busy = 5, Locked = 6, ReadOnly = 8, IoErr = 10, Corrupt = 11, Full = 13, CantOpen = 14, NotADb = 26;

    /// <summary>The problem in words, as a <see cref="CliException"/> (exit 1, no stack trace).</summary>
    public static CliException Explain(SqliteException exception, string stateFile)
    {
        var reason = $"(SQLite: {exception.Message.TrimEnd('.')})";
        return new CliException((exception.SqliteErrorCode & 0xFF) switch
        {
            Corrupt or NotADb =>
                $"The state file {stateFile} is damaged or is not a state file {reason}. Nothing was sent. Restore it from your backup " +
                "(with its -wal file, if any); or, if there is none, move it aside and run once with --full: every valid user is then sent " +
                "again (Alma updates them) and a new state file is started.",
            Busy or Locked =>
                $"The state file {stateFile} is in use by another program {reason}. Nothing was sent. Wait for the other run to finish, or " +
                "close the program that has it open (an sqlite3 shell, a backup job), then run again.",
            ReadOnly or Perm =>
                $"The state file {stateFile} cannot be written {reason}. Nothing was sent. Give this account write permission on the file " +
                "and its folder (SQLite also writes the -wal and -shm files beside it).",
            CantOpen =>
                $"The state file {stateFile} cannot be opened {reason}. Check that its folder exists and this account may read and write it (Export:StateFile).",
            Full or IoErr =>
                $"The state file {stateFile} could not be read or written {reason}. Check the disk (free space, errors); nothing was sent, and the next run starts from the last good state.",
            _ => $"The state file {stateFile} could not be used {reason}. Run again with --verbose for the details.",
        });
    }
}
