using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AlmaIntegrationKit.State;

/// <summary>
/// The embedded SQLite file that remembers the export runs and, per person, what was last sent to Alma: the basis of
/// delta runs, leaver detection and the drop threshold. Changes of a run are one transaction
/// (<see cref="BeginRun"/>): an aborted run leaves the state as it was.
/// </summary>
/// <remarks>
/// A run's transaction goes to SQLite's write-ahead log (WAL, synchronous NORMAL) and stays there: the store never
/// copies the log into the file when a run commits or closes, nor when a command opens it, but when the next run opens
/// it (<see cref="OpenForRun"/>: a checkpoint, with the disk writes waited for), which
/// <see cref="Export.ExportPipeline{TUser}"/> does while its first pass reads. A run's end and its delivery thus wait
/// for no disk (docs/benchmarks.md). The state is consistent at every moment; after a power
/// cut right after a run it may be the state before that run, which the next delta run compares with (so it sends
/// again what the lost run sent).
/// </remarks>
internal sealed partial class ExportStateStore : IDisposable
{
    private readonly SqliteConnection _connection;

    private ExportStateStore(SqliteConnection connection) => _connection = connection;

    /// <summary>
    /// Opens the state file at <paramref name="path"/>, creating it (and its tables) when missing and upgrading one of an
    /// earlier version. With <paramref name="feed"/>, a new file is stamped with it and a file of another feed refused.
    /// </summary>
    /// <exception cref="StateFileException">The file is not a state file, is damaged, locked, of another feed, or newer.</exception>
    public static ExportStateStore Open(string path, FeedIdentity? feed = null) => Open(path, feed, forRun: false);

    /// <summary>
    /// Opens the state file for a run: as <see cref="Open(string, FeedIdentity?)"/>, and the log of the runs before
    /// folded into the file, and what the run compares each user with read ahead (<see cref="BeginRun"/>).
    /// </summary>
    /// <exception cref="StateFileException">The file is not a state file, is damaged, locked, of another feed, or newer.</exception>
    public static ExportStateStore OpenForRun(string path, FeedIdentity? feed) => Open(path, feed, forRun: true);

    private static ExportStateStore Open(string path, FeedIdentity? feed, bool forRun)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var directory = path == ":memory:" ? null : Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 10,
        }.ToString());
        NewestFingerprints? newest;
        try
        {
            connection.Open();
            StateSchema.Execute(connection, """
                PRAGMA busy_timeout = 10000;
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                PRAGMA wal_autocheckpoint = 0;
                """);
            if (forRun)
                StateSchema.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)"); // what the runs before committed (see the remarks)
            StateSchema.Apply(connection);
            if (feed is not null)
                CheckFeed(connection, path, feed);
            newest = forRun ? NewestFingerprints.Read(connection) : null;
        }
        catch (SqliteException exception)
        {
            connection.Dispose();
            throw Explain(path, exception);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        raw.sqlite3_db_config(connection.Handle, raw.SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, out _); // if refused: a checkpoint at close, slower only
        return new ExportStateStore(connection) { _newest = newest };
    }

    /// <summary>The feed the file belongs to, or null for a file no run of a named feed has used yet.</summary>
    public FeedIdentity? Feed => ReadFeed(_connection);

    private static FeedIdentity? ReadFeed(SqliteConnection connection)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, value FROM feed";
        using var reader = command.ExecuteReader();
        while (reader.Read())
            values[reader.GetString(0)] = reader.GetString(1);
        return values.TryGetValue("institution_code", out var institution) && values.TryGetValue("profile", out var profile)
            && values.TryGetValue("environment", out var environment)
            ? new FeedIdentity(institution, profile, environment)
            : null;
    }

    private static void CheckFeed(SqliteConnection connection, string path, FeedIdentity feed)
    {
        var stamped = ReadFeed(connection);
        if (stamped is null)
        {
            StateSchema.Execute(connection, $"""
                INSERT OR REPLACE INTO feed (key, value) VALUES ('institution_code', {Quote(feed.InstitutionCode)}),
                    ('profile', {Quote(feed.Profile)}), ('environment', {Quote(feed.Environment)});
                """);
            return;
        }

        if (!string.Equals(stamped.InstitutionCode, feed.InstitutionCode, StringComparison.Ordinal)
            || !string.Equals(stamped.Profile, feed.Profile, StringComparison.Ordinal)
            || !string.Equals(stamped.Environment, feed.Environment, StringComparison.OrdinalIgnoreCase))
        {
            throw new StateFileException(
                $"The state file {path} belongs to the feed {stamped}, not to {feed}: each feed (institution, profile, Alma environment) keeps its own state, " +
                "so that one feed's run never counts another's people as leavers. Remove Export:StateFile from the settings to use the feed's own file, or point it at that feed's file.");
        }
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A SQLite failure on the state file, said as the file's problem and its fix.</summary>
    public static StateFileException Explain(string path, SqliteException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var reason = $"(SQLite: {exception.Message.TrimEnd('.')})";
        return new StateFileException((exception.SqliteErrorCode & 0xFF) switch
        {
            raw.SQLITE_CORRUPT or raw.SQLITE_NOTADB =>
                $"The state file {path} is damaged or is not a state file {reason}. Nothing was sent. Restore it from your backup " +
                "(with its -wal file, if any); or, if there is none, move it aside: the next run starts a new state and sends every valid " +
                "user again (Alma updates them).",
            raw.SQLITE_BUSY or raw.SQLITE_LOCKED =>
                $"The state file {path} is in use by another program {reason}. Nothing was sent. Wait for the other run to finish, or " +
                "close the program that has it open (an sqlite3 shell, a backup job), then run again.",
            raw.SQLITE_READONLY or raw.SQLITE_PERM =>
                $"The state file {path} cannot be written {reason}. Nothing was sent. Give this account write permission on the file " +
                "and its folder (SQLite also writes the -wal and -shm files beside it).",
            raw.SQLITE_CANTOPEN =>
                $"The state file {path} cannot be opened {reason}. Check that its folder exists and this account may read and write it (Export:StateFile).",
            raw.SQLITE_FULL or raw.SQLITE_IOERR =>
                $"The state file {path} could not be read or written {reason}. Check the disk (free space, errors); nothing was sent, and the next run starts from the last good state.",
            _ => $"The state file {path} could not be used {reason}. Run again with --verbose for the details.",
        }, exception);
    }

    /// <summary>The last run that placed its files, or null before the first.</summary>
    public RunRecord? LastSuccessfulRun() => QueryRuns("WHERE succeeded = 1 ORDER BY id DESC LIMIT 1").FirstOrDefault();

    /// <summary>The last <paramref name="count"/> runs, newest first, aborted ones included.</summary>
    public IReadOnlyList<RunRecord> RecentRuns(int count) =>
        QueryRuns("ORDER BY id DESC LIMIT " + count.ToString(CultureInfo.InvariantCulture));

    private NewestFingerprints? _newest;

    /// <summary>Starts the changes of a new run in one transaction.</summary>
    public ExportStateRun BeginRun()
    {
        var newest = _newest ?? NewestFingerprints.Read(_connection);
        _newest = null;
        return new(_connection, NextRunId(), newest);
    }

    /// <summary>Records a run that placed nothing (aborted by a threshold or failed), outside any run transaction.</summary>
    public void RecordRun(RunRecord run) => InsertRun(_connection, null, run);

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    internal static void InsertRun(SqliteConnection connection, SqliteTransaction? transaction, RunRecord run)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO runs (id, run_name, started_utc, mode, succeeded, rows_read, people, written, unchanged, rejected,
                              merged, leavers_written, users, delivery)
            VALUES ($id, $name, $started, $mode, $ok, $rows, $people, $written, $unchanged, $rejected, $merged, $leavers, $users, $delivery)
            """;
        command.Parameters.AddWithValue("$id", run.Id);
        command.Parameters.AddWithValue("$name", run.RunName);
        command.Parameters.AddWithValue("$started", run.StartedUtc.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$mode", run.Mode);
        command.Parameters.AddWithValue("$ok", run.Succeeded ? 1 : 0);
        command.Parameters.AddWithValue("$rows", run.RowsRead);
        command.Parameters.AddWithValue("$people", run.People);
        command.Parameters.AddWithValue("$written", run.Written);
        command.Parameters.AddWithValue("$unchanged", run.Unchanged);
        command.Parameters.AddWithValue("$rejected", run.Rejected);
        command.Parameters.AddWithValue("$merged", run.Merged);
        command.Parameters.AddWithValue("$leavers", run.LeaversWritten);
        command.Parameters.AddWithValue("$users", run.Users);
        command.Parameters.AddWithValue("$delivery", (object?)run.Delivery ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    private long NextRunId()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(id), 0) + 1 FROM runs";
        return (long)command.ExecuteScalar()!;
    }

    private List<RunRecord> QueryRuns(string tail)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT id, run_name, started_utc, mode, succeeded, rows_read, people, written, unchanged, rejected, merged,
                   leavers_written, users, delivery
            FROM runs
            """ + " " + tail;
        using var reader = command.ExecuteReader();
        var runs = new List<RunRecord>();
        while (reader.Read())
        {
            runs.Add(new RunRecord(
                reader.GetInt64(0),
                reader.GetString(1),
                DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                reader.GetString(3),
                reader.GetInt64(4) == 1,
                reader.GetInt64(5),
                reader.GetInt64(6),
                reader.GetInt64(7),
                reader.GetInt64(8),
                reader.GetInt64(9),
                reader.GetInt64(10),
                reader.GetInt64(11),
                reader.GetInt64(12))
            {
                Delivery = reader.IsDBNull(13) ? null : reader.GetString(13),
            });
        }

        return runs;
    }

}
