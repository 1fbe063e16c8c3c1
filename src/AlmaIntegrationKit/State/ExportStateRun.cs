using Microsoft.Data.Sqlite;

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
    private readonly SqliteCommand _record;
    private SqliteCommand? _recordBatch; // the upsert of BatchSize users, prepared on first use
    private readonly List<SentUser> _pending = new(BatchSize);
    private readonly SqliteCommand _seen;
    private readonly SqliteCommand _left;
    private bool _finished;

    /// <summary>Users written by one multi-row upsert: one statement execution instead of 64 (9 values each, far below SQLite's parameter limit).</summary>
    private const int BatchSize = 64;

    private static readonly string[] Columns = ["$p", "$primary", "$mtype", "$mvalue", "$group", "$gdesc", "$campus", "$fp", "$run"];

    internal ExportStateRun(SqliteConnection connection, long runId)
    {
        _connection = connection;
        RunId = runId;
        _runIdValue = runId;
        _transaction = connection.BeginTransaction();
        _fingerprint = Prepare("SELECT fingerprint FROM sent_users WHERE person_id = $p", "$p");
        _record = Prepare(UpsertSql(1), RecordParameterNames(1));
        _seen = Prepare("UPDATE sent_users SET last_seen_run = $run WHERE person_id = $p", "$p", "$run");
        _left = Prepare("UPDATE sent_users SET left_run = $run WHERE person_id = $p", "$p", "$run");
    }

    /// <summary>The number this run gets in the state file.</summary>
    public long RunId { get; }

    private readonly object _runIdValue; // boxed once, not once per user

    /// <summary>The fingerprint of what was last sent for <paramref name="personId"/>, or null when never sent.</summary>
    public byte[]? FingerprintOf(string personId)
    {
        FlushIfPending(personId);
        _fingerprint.Parameters[0].Value = personId;
        return _fingerprint.ExecuteScalar() as byte[];
    }

    /// <summary>Remembers <paramref name="user"/> as sent (or as unchanged) in this run.</summary>
    public void Record(SentUser user)
    {
        // Buffered: written in batches, and before anything else reads or changes the state.
        _pending.Add(user);
        if (_pending.Count == BatchSize)
            Flush();
    }

    /// <summary>Writes the buffered users first when one of them is <paramref name="personId"/>, so that every statement sees the changes recorded before it.</summary>
    private void FlushIfPending(string personId)
    {
        foreach (var user in _pending)
        {
            if (string.Equals(user.PersonId, personId, StringComparison.Ordinal))
            {
                Flush();
                return;
            }
        }
    }

    /// <summary>Writes the buffered users, in the order they were recorded.</summary>
    private void Flush()
    {
        if (_pending.Count == 0)
            return;
        if (_pending.Count == BatchSize)
        {
            _recordBatch ??= Prepare(UpsertSql(BatchSize), RecordParameterNames(BatchSize));
            for (var i = 0; i < _pending.Count; i++)
                Bind(_recordBatch.Parameters, i * Columns.Length, _pending[i]);
            _recordBatch.ExecuteNonQuery();
        }
        else
        {
            foreach (var user in _pending)
            {
                Bind(_record.Parameters, 0, user);
                _record.ExecuteNonQuery();
            }
        }

        _pending.Clear();
    }

    private void Bind(SqliteParameterCollection p, int first, SentUser user)
    {
        p[first].Value = user.PersonId;
        p[first + 1].Value = (object?)user.PrimaryId ?? DBNull.Value;
        p[first + 2].Value = (object?)user.MatchIdType ?? DBNull.Value;
        p[first + 3].Value = (object?)user.MatchIdValue ?? DBNull.Value;
        p[first + 4].Value = (object?)user.UserGroup ?? DBNull.Value;
        p[first + 5].Value = (object?)user.UserGroupDesc ?? DBNull.Value;
        p[first + 6].Value = (object?)user.CampusCode ?? DBNull.Value;
        p[first + 7].Value = user.Fingerprint;
        p[first + 8].Value = _runIdValue;
    }

    private static string[] RecordParameterNames(int rows) =>
        Enumerable.Range(0, rows).SelectMany(row => Columns.Select(column => rows == 1 ? column : $"{column}_{row}")).ToArray();

    private static string UpsertSql(int rows)
    {
        var values = string.Join(",\n", Enumerable.Range(0, rows).Select(row =>
            "(" + string.Join(", ", Columns.Select(column => rows == 1 ? column : $"{column}_{row}")) + ", NULL)"));
        return $"""
            INSERT INTO sent_users (person_id, primary_id, match_id_type, match_id_value, user_group, user_group_desc,
                                    campus_code, fingerprint, last_seen_run, left_run)
            VALUES {values}
            ON CONFLICT (person_id) DO UPDATE SET
                primary_id = excluded.primary_id, match_id_type = excluded.match_id_type,
                match_id_value = excluded.match_id_value, user_group = excluded.user_group,
                user_group_desc = excluded.user_group_desc, campus_code = excluded.campus_code,
                fingerprint = excluded.fingerprint, last_seen_run = excluded.last_seen_run, left_run = NULL
            """;
    }

    /// <summary>
    /// Notes that <paramref name="personId"/> is still in the extract although nothing was sent for it this run
    /// (its record was rejected): a person who is present is not a leaver.
    /// </summary>
    public void MarkSeen(string personId)
    {
        FlushIfPending(personId);
        _seen.Parameters[0].Value = personId;
        _seen.Parameters[1].Value = RunId;
        _seen.ExecuteNonQuery();
    }

    /// <summary>People sent before, not in this run's extract, and not yet sent as leavers; in person_id order.</summary>
    public IReadOnlyList<SentUser> Leavers()
    {
        Flush();
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
        Flush();
        _left.Parameters[0].Value = personId;
        _left.Parameters[1].Value = RunId;
        _left.ExecuteNonQuery();
    }

    /// <summary>Keeps every change of this run and records it as <paramref name="run"/> (its id must be <see cref="RunId"/>).</summary>
    public void Commit(RunRecord run)
    {
        if (run.Id != RunId)
            throw new ArgumentException($"The run record has id {run.Id}; this run is {RunId}.", nameof(run));
        Flush();
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
        _recordBatch?.Dispose();
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
