using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AlmaIntegrationKit.AlmaApi;

/// <summary>
/// The runs of Alma's SIS job that <c>job-status</c> read, kept in the state file in a table of their own
/// (<c>alma_job_runs</c>, created when missing), for <c>status</c>, the run report and
/// <c>Export:FullAfterAlmaErrors</c>; and which of them a notice was sent about (<c>alma_job_notices</c>), so that a
/// schedule running <c>job-status</c> again tells about each run once.
/// </summary>
internal sealed class JobStatusStore : IDisposable
{
    private readonly SqliteConnection _connection;

    private JobStatusStore(SqliteConnection connection) => _connection = connection;

    /// <summary>Opens (creating when missing) the table in the state file at <paramref name="statePath"/>.</summary>
    public static JobStatusStore Open(string statePath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(statePath));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        var connection = Connect(statePath, SqliteOpenMode.ReadWriteCreate);
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS alma_job_runs (
                job_id TEXT NOT NULL,
                instance_id TEXT NOT NULL,
                name TEXT,
                status TEXT NOT NULL,
                status_desc TEXT,
                submitted_utc TEXT,
                ended_utc TEXT,
                failed INTEGER NOT NULL,
                rejected_users INTEGER NOT NULL,
                counters TEXT NOT NULL,
                recorded_utc TEXT NOT NULL,
                PRIMARY KEY (job_id, instance_id));
            CREATE TABLE IF NOT EXISTS alma_job_notices (
                job_id TEXT NOT NULL,
                instance_id TEXT NOT NULL,
                outcome TEXT NOT NULL,
                notified_utc TEXT NOT NULL,
                PRIMARY KEY (job_id, instance_id));
            """;
        command.ExecuteNonQuery();
        return new JobStatusStore(connection);
    }

    /// <summary>Whether the state file at <paramref name="statePath"/> holds any recorded job run (without creating anything).</summary>
    public static bool Exists(string statePath)
    {
        if (!File.Exists(statePath))
            return false;
        using var connection = Connect(statePath, SqliteOpenMode.ReadWrite);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'alma_job_runs'";
        return (long)command.ExecuteScalar()! > 0;
    }

    /// <summary>Records (or updates, while a run is still going) the runs of job <paramref name="jobId"/>.</summary>
    public void Record(string jobId, IEnumerable<AlmaJobInstance> instances, DateTimeOffset recordedUtc)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var instance in instances)
        {
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO alma_job_runs (job_id, instance_id, name, status, status_desc, submitted_utc, ended_utc, failed,
                                           rejected_users, counters, recorded_utc)
                VALUES ($job, $id, $name, $status, $desc, $submitted, $ended, $failed, $rejected, $counters, $recorded)
                ON CONFLICT (job_id, instance_id) DO UPDATE SET
                    name = excluded.name, status = excluded.status, status_desc = excluded.status_desc,
                    submitted_utc = excluded.submitted_utc, ended_utc = excluded.ended_utc, failed = excluded.failed,
                    rejected_users = excluded.rejected_users, counters = excluded.counters, recorded_utc = excluded.recorded_utc
                """;
            command.Parameters.AddWithValue("$job", jobId);
            command.Parameters.AddWithValue("$id", instance.Id);
            command.Parameters.AddWithValue("$name", (object?)instance.Name ?? DBNull.Value);
            command.Parameters.AddWithValue("$status", instance.Status);
            command.Parameters.AddWithValue("$desc", (object?)instance.StatusDesc ?? DBNull.Value);
            command.Parameters.AddWithValue("$submitted", (object?)Format(instance.SubmittedUtc) ?? DBNull.Value);
            command.Parameters.AddWithValue("$ended", (object?)Format(instance.EndedUtc) ?? DBNull.Value);
            command.Parameters.AddWithValue("$failed", instance.Failed ? 1 : 0);
            command.Parameters.AddWithValue("$rejected", instance.RejectedUsers);
            command.Parameters.AddWithValue("$counters", JsonSerializer.Serialize(instance.Counters.Select(c => new[] { c.Type, c.Desc ?? "", c.Value.ToString(CultureInfo.InvariantCulture) })));
            command.Parameters.AddWithValue("$recorded", Format(recordedUtc)!);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>The last <paramref name="count"/> recorded runs, newest first.</summary>
    public IReadOnlyList<RecordedJobRun> Latest(int count)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"""
            SELECT job_id, instance_id, status, status_desc, submitted_utc, ended_utc, failed, rejected_users, recorded_utc, counters
            FROM alma_job_runs ORDER BY submitted_utc DESC, instance_id DESC LIMIT {count.ToString(CultureInfo.InvariantCulture)}
            """;
        using var reader = command.ExecuteReader();
        var runs = new List<RecordedJobRun>();
        while (reader.Read())
        {
            runs.Add(new RecordedJobRun(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                Parse(reader, 4), Parse(reader, 5), reader.GetInt64(6) == 1, reader.GetInt64(7), Parse(reader, 8)!.Value)
            {
                Counters = ParseCounters(reader.GetString(9)),
            });
        }

        return runs;
    }

    /// <summary>The newest recorded run that has ended (succeeded or failed), or null when none has.</summary>
    public RecordedJobRun? LatestEnded() => Latest(100).FirstOrDefault(r => r.Ended);

    /// <summary>
    /// The newest recorded run that has ended, read from the state file at <paramref name="statePath"/> without creating
    /// anything; null when <c>job-status</c> never recorded one there.
    /// </summary>
    public static RecordedJobRun? ReadLatestEnded(string statePath)
    {
        if (!Exists(statePath))
            return null;
        using var store = new JobStatusStore(Connect(statePath, SqliteOpenMode.ReadWrite)); // reads only: no table is created
        return store.LatestEnded();
    }

    /// <summary>Whether a notice about run <paramref name="instanceId"/> of job <paramref name="jobId"/> was sent.</summary>
    public bool WasNotified(string jobId, string instanceId)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM alma_job_notices WHERE job_id = $job AND instance_id = $id";
        command.Parameters.AddWithValue("$job", jobId);
        command.Parameters.AddWithValue("$id", instanceId);
        return (long)command.ExecuteScalar()! > 0;
    }

    /// <summary>Records that a notice with <paramref name="outcome"/> about run <paramref name="instanceId"/> of job <paramref name="jobId"/> was sent.</summary>
    public void RecordNotified(string jobId, string instanceId, string outcome, DateTimeOffset notifiedUtc)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            INSERT INTO alma_job_notices (job_id, instance_id, outcome, notified_utc) VALUES ($job, $id, $outcome, $notified)
            ON CONFLICT (job_id, instance_id) DO UPDATE SET outcome = excluded.outcome, notified_utc = excluded.notified_utc
            """;
        command.Parameters.AddWithValue("$job", jobId);
        command.Parameters.AddWithValue("$id", instanceId);
        command.Parameters.AddWithValue("$outcome", outcome);
        command.Parameters.AddWithValue("$notified", Format(notifiedUtc)!);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// The newest recorded run that failed or rejected users and was submitted after <paramref name="since"/> (any time
    /// when null), or null.
    /// </summary>
    public RecordedJobRun? LastWithErrorsAfter(DateTimeOffset? since) =>
        Latest(100).FirstOrDefault(r => r.HadErrors && (since is null || r.SubmittedUtc is null || r.SubmittedUtc > since));

    /// <summary>When the last full run that placed its files started, from the state's <c>runs</c> table; null when none did.</summary>
    public DateTimeOffset? LastFullRunStartedUtc()
    {
        using (var exists = _connection.CreateCommand())
        {
            exists.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'runs'";
            if ((long)exists.ExecuteScalar()! == 0)
                return null;
        }

        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT started_utc FROM runs WHERE succeeded = 1 AND mode = 'Full'";
        using var reader = command.ExecuteReader();
        DateTimeOffset? last = null;
        while (reader.Read())
        {
            var started = DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            if (last is null || started > last)
                last = started;
        }

        return last;
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    // The state's own store leaves SQLite's write-ahead log to the next run to fold in (ExportStateStore); a checkpoint
    // when this connection closes would make a command or a run wait for the disk instead.
    private static SqliteConnection Connect(string statePath, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = statePath,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        raw.sqlite3_db_config(connection.Handle, raw.SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, out _);
        return connection;
    }

    private static IReadOnlyList<AlmaJobCounter> ParseCounters(string json)
    {
        try
        {
            return (JsonSerializer.Deserialize<string[][]>(json) ?? [])
                .Where(c => c.Length == 3)
                .Select(c => new AlmaJobCounter(c[0], c[1].Length == 0 ? null : c[1],
                    long.TryParse(c[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0))
                .ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? Format(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Parse(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}

/// <summary>A run of Alma's SIS job as <c>job-status</c> recorded it.</summary>
/// <param name="JobId">The job id.</param>
/// <param name="InstanceId">The run's id (Alma's Process ID).</param>
/// <param name="Status">Its status code.</param>
/// <param name="StatusDesc">Its status label.</param>
/// <param name="SubmittedUtc">When it was submitted.</param>
/// <param name="EndedUtc">When it ended.</param>
/// <param name="Failed">Whether it failed.</param>
/// <param name="RejectedUsers">How many users it rejected.</param>
/// <param name="RecordedUtc">When <c>job-status</c> read it.</param>
internal sealed record RecordedJobRun(string JobId, string InstanceId, string Status, string? StatusDesc, DateTimeOffset? SubmittedUtc,
    DateTimeOffset? EndedUtc, bool Failed, long RejectedUsers, DateTimeOffset RecordedUtc)
{
    /// <summary>Whether Alma did not load everything of this run.</summary>
    public bool HadErrors => Failed || RejectedUsers > 0;

    /// <summary><paramref name="instance"/>, a run of job <paramref name="jobId"/>, as it is recorded at <paramref name="recordedUtc"/>.</summary>
    public static RecordedJobRun Of(string jobId, AlmaJobInstance instance, DateTimeOffset recordedUtc)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new RecordedJobRun(jobId, instance.Id, instance.Status, instance.StatusDesc, instance.SubmittedUtc, instance.EndedUtc,
            instance.Failed, instance.RejectedUsers, recordedUtc) { Counters = instance.Counters };
    }

    /// <summary>The outcome in words: <c>failed</c>, <c>failed, 4 user(s) rejected</c>, <c>rejected 4 user(s)</c> or <c>loaded without errors</c>.</summary>
    public string Verdict => (Failed, RejectedUsers) switch
    {
        (true, > 0) => string.Create(CultureInfo.InvariantCulture, $"failed, {RejectedUsers} user(s) rejected"),
        (true, _) => "failed",
        (false, > 0) => string.Create(CultureInfo.InvariantCulture, $"rejected {RejectedUsers} user(s)"),
        _ => "loaded without errors",
    };

    /// <summary>Whether the run has ended (as <see cref="AlmaJobInstance.Ended"/>).</summary>
    public bool Ended => AlmaJobInstance.HasEnded(Status);

    /// <summary>Its counters in Alma's order (empty when none were recorded).</summary>
    public IReadOnlyList<AlmaJobCounter> Counters { get; init; } = [];

    /// <summary>
    /// What an operator does about this run, in one paragraph; <paramref name="fullAfterAlmaErrors"/> is whether
    /// <c>Export:FullAfterAlmaErrors</c> is on. Names the run and the settings, never a person.
    /// </summary>
    public string NextStep(bool fullAfterAlmaErrors)
    {
        if (!HadErrors)
            return "Nothing to do: Alma loaded the run without errors.";
        var look = Failed
            ? $"Open the job's report in Alma (Admin > Monitor Jobs > History, Process ID {InstanceId}): it says why nothing or not everything was loaded. Fix the cause (a file Alma could not read, the integration profile, or the records it names, in the SIS)."
            : $"Open the job's report in Alma (Admin > Monitor Jobs > History, Process ID {InstanceId}): it names the rejected users and why. Fix them in the SIS (or the codes in Alma), then run 'verify-users'.";
        var again = fullAfterAlmaErrors
            ? " Export:FullAfterAlmaErrors is on: the first run after this one is a full run, so Alma gets every user again."
            : " The users Alma did not load are sent again only when they change: run 'run --full' once the cause is fixed, or set Export:FullAfterAlmaErrors to true so that the next run after a failed job is a full run.";
        return look + again;
    }
}
