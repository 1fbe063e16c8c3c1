using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AlmaIntegrationKit.State;

/// <summary>
/// The state changes of one run, in one SQLite transaction: nothing is kept unless <see cref="Commit"/> is called,
/// so a run that aborts leaves the state of the last successful run in place.
/// </summary>
public sealed class ExportStateRun : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly SqliteCommand _fingerprint;
    private readonly sqlite3_stmt _record; // bound by index through SQLitePCL: no per-value name lookup, boxing or reader
    private byte[] _utf8 = new byte[256];
    private readonly SqliteCommand _seen;
    private readonly SqliteCommand _left;
    private bool _finished;

    internal ExportStateRun(SqliteConnection connection, long runId)
    {
        _connection = connection;
        RunId = runId;
        _transaction = connection.BeginTransaction();
        _fingerprint = Prepare("SELECT fingerprint FROM sent_users WHERE person_id = $p", "$p");
        var rc = raw.sqlite3_prepare_v2(connection.Handle, """
            INSERT INTO sent_users (person_id, primary_id, match_id_type, match_id_value, user_group, user_group_desc,
                                    campus_code, fingerprint, last_seen_run, left_run)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, NULL)
            ON CONFLICT (person_id) DO UPDATE SET
                primary_id = excluded.primary_id, match_id_type = excluded.match_id_type,
                match_id_value = excluded.match_id_value, user_group = excluded.user_group,
                user_group_desc = excluded.user_group_desc, campus_code = excluded.campus_code,
                fingerprint = excluded.fingerprint, last_seen_run = excluded.last_seen_run, left_run = NULL
            """, out _record);
        Check(rc);
        _seen = Prepare("UPDATE sent_users SET last_seen_run = $run WHERE person_id = $p", "$p", "$run");
        _left = Prepare("UPDATE sent_users SET left_run = $run WHERE person_id = $p", "$p", "$run");
    }

    /// <summary>The number this run gets in the state file.</summary>
    public long RunId { get; }

    /// <summary>The fingerprint of what was last sent for <paramref name="personId"/>, or null when never sent.</summary>
    public byte[]? FingerprintOf(string personId)
    {
        _fingerprint.Parameters[0].Value = personId;
        return _fingerprint.ExecuteScalar() as byte[];
    }

    /// <summary>Remembers <paramref name="user"/> as sent (or as unchanged) in this run.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Record(SentUser user)
    {
        Bind(1, user.PersonId);
        Bind(2, user.PrimaryId);
        Bind(3, user.MatchIdType);
        Bind(4, user.MatchIdValue);
        Bind(5, user.UserGroup);
        Bind(6, user.UserGroupDesc);
        Bind(7, user.CampusCode);
        Check(user.Fingerprint.Length == 0
            ? raw.sqlite3_bind_zeroblob(_record, 8, 0)
            : raw.sqlite3_bind_blob(_record, 8, user.Fingerprint));
        Check(raw.sqlite3_bind_int64(_record, 9, RunId));
        var rc = raw.sqlite3_step(_record);
        var reset = raw.sqlite3_reset(_record);
        if (rc != raw.SQLITE_DONE)
            Check(rc);
        Check(reset);
    }

    private void Bind(int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_record, index));
            return;
        }

        if (value.Length == 0)
        {
            Check(raw.sqlite3_bind_text(_record, index, ""));
            return;
        }

        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_utf8.Length < length)
            _utf8 = new byte[Math.Max(length, _utf8.Length * 2)];
        var written = Encoding.UTF8.GetBytes(value, _utf8);
        Check(raw.sqlite3_bind_text(_record, index, _utf8.AsSpan(0, written))); // SQLite copies the bytes (SQLITE_TRANSIENT)
    }

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
            throw new SqliteException($"SQLite Error {rc}: '{raw.sqlite3_errmsg(_connection.Handle).utf8_to_string()}'.", rc);
    }

    /// <summary>
    /// Notes that <paramref name="personId"/> is still in the extract although nothing was sent for it this run
    /// (its record was rejected): a person who is present is not a leaver.
    /// </summary>
    public void MarkSeen(string personId)
    {
        _seen.Parameters[0].Value = personId;
        _seen.Parameters[1].Value = RunId;
        _seen.ExecuteNonQuery();
    }

    /// <summary>People sent before, not in this run's extract, and not yet sent as leavers; in person_id order.</summary>
    public IReadOnlyList<SentUser> Leavers()
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = """
            SELECT person_id, primary_id, match_id_type, match_id_value, user_group, user_group_desc, campus_code, fingerprint
            FROM sent_users WHERE last_seen_run <> $run AND left_run IS NULL ORDER BY person_id
            """;
        command.Parameters.AddWithValue("$run", RunId);
        using var reader = command.ExecuteReader();
        var leavers = new List<SentUser>();
        while (reader.Read())
        {
            leavers.Add(new SentUser(
                reader.GetString(0),
                Text(reader, 1),
                Text(reader, 2),
                Text(reader, 3),
                Text(reader, 4),
                Text(reader, 5),
                Text(reader, 6),
                (byte[])reader.GetValue(7)));
        }

        return leavers;
    }

    /// <summary>Remembers that <paramref name="personId"/> was sent as a leaver, so it is not sent again.</summary>
    public void MarkLeft(string personId)
    {
        _left.Parameters[0].Value = personId;
        _left.Parameters[1].Value = RunId;
        _left.ExecuteNonQuery();
    }

    /// <summary>Keeps every change of this run and records it as <paramref name="run"/> (its id must be <see cref="RunId"/>).</summary>
    public void Commit(RunRecord run)
    {
        if (run.Id != RunId)
            throw new ArgumentException($"The run record has id {run.Id}; this run is {RunId}.", nameof(run));
        ExportStateStore.InsertRun(_connection, _transaction, run);
        _transaction.Commit();
        _finished = true;
    }

    /// <summary>Drops every change of this run unless it was committed.</summary>
    public void Dispose()
    {
        if (!_finished)
            _transaction.Rollback();
        _finished = true;
        _fingerprint.Dispose();
        _record.Dispose();
        _seen.Dispose();
        _left.Dispose();
        _transaction.Dispose();
    }

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private SqliteCommand Prepare(string sql, params string[] names)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var name in names)
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }
}
