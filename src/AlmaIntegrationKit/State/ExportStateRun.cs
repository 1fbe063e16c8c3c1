using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Packaging;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AlmaIntegrationKit.State;

/// <summary>
/// The state changes of one run, in one SQLite transaction: nothing is kept unless <see cref="Commit"/> is called,
/// so a run that aborts leaves the state as it was. What a run writes into its zips is recorded as pending; it becomes
/// what the state says Alma has only when the zips are placed (<see cref="ExportStateStore.MarkPlaced"/>).
/// </summary>
internal sealed class ExportStateRun : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly NewestFingerprints _newest;
    private readonly sqlite3_stmt _record; // bound by index through SQLitePCL: no per-value name lookup, boxing or reader
    private readonly sqlite3_stmt _moveDeliveredAside;
    private readonly Dictionary<int, sqlite3_stmt> _bindByCount = [];
    private readonly SqliteCommand _owner;
    private readonly SqliteCommand _unbind;
    private readonly SqliteCommand _left;
    private readonly List<PersonKey> _seen = [];
    private readonly HashSet<int> _zipsWithRecords = [];
    private (List<StoredUser> WithRecord, long WithoutRecord)? _leavers;
    private byte[] _utf8 = new byte[256];
    private bool _finished;

    internal ExportStateRun(SqliteConnection connection, long runId, NewestFingerprints newest)
    {
        _connection = connection;
        _newest = newest;
        RunId = runId;
        _transaction = connection.BeginTransaction();
        Check(raw.sqlite3_prepare_v2(connection.Handle, """
            INSERT INTO sent_users (person_id, primary_id, match_id_type, match_id_value, user_group, user_group_desc,
                                    campus_code, fingerprint, last_seen_run, left_run, pending_run, pending_fingerprint,
                                    pending_status, pending_zip, pending_entry, pending_offset, pending_length)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, X'', ?9, ?10, ?9, ?8, ?11, ?12, ?13, ?14, ?15)
            ON CONFLICT (person_id) DO UPDATE SET
                primary_id = excluded.primary_id, match_id_type = excluded.match_id_type,
                match_id_value = excluded.match_id_value, user_group = excluded.user_group,
                user_group_desc = excluded.user_group_desc, campus_code = excluded.campus_code,
                last_seen_run = CASE WHEN excluded.left_run IS NULL THEN excluded.last_seen_run ELSE sent_users.last_seen_run END,
                left_run = excluded.left_run, pending_run = excluded.pending_run,
                pending_fingerprint = excluded.pending_fingerprint, pending_status = excluded.pending_status,
                pending_zip = excluded.pending_zip, pending_entry = excluded.pending_entry,
                pending_offset = excluded.pending_offset, pending_length = excluded.pending_length
            """, out _record));
        Check(raw.sqlite3_prepare_v2(connection.Handle, """
            UPDATE sent_users SET fingerprint = pending_fingerprint, status = pending_status, record_run = pending_run,
                record_zip = pending_zip, record_entry = pending_entry, record_offset = pending_offset, record_length = pending_length
            WHERE person_id = ?1 AND pending_zip IS NOT NULL AND (SELECT delivery FROM runs WHERE id = sent_users.pending_run) = 'delivered'
            """, out _moveDeliveredAside));
        _owner = Prepare("SELECT person_id FROM bindings WHERE value_key = $k", "$k");
        _unbind = Prepare("DELETE FROM bindings WHERE value_key = $k AND person_id = $p AND bound_run = $run", "$k", "$p", "$run");
        _left = Prepare("UPDATE sent_users SET left_run = $run WHERE person_id = $p", "$p", "$run");
    }

    /// <summary>The number this run gets in the state file.</summary>
    public long RunId { get; }

    /// <summary>
    /// Whether <paramref name="fingerprint"/> is that of the newest record of <paramref name="personId"/>: the one in a
    /// zip not yet placed, else the one Alma has.
    /// </summary>
    public bool HoldsNewest(string personId, ReadOnlySpan<byte> fingerprint) => _newest.Holds(personId, fingerprint);

    /// <summary>
    /// Binds each of <paramref name="values"/> (the user's primary_id and identifier values) to
    /// <paramref name="personId"/>. When one is bound to another person, binds none and returns that one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public IdentityBinding? Bind(string personId, IReadOnlyList<(string Value, string Kind)> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
            return null;

        // All of a person's values in one statement; only when some were bound already is each one looked at.
        var insert = BindStatement(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            var (value, kind) = values[i];
            BindText(insert, (i * 5) + 1, IdentityBinding.KeyOf(value));
            BindText(insert, (i * 5) + 2, value);
            BindText(insert, (i * 5) + 3, kind);
            BindText(insert, (i * 5) + 4, personId);
            Check(raw.sqlite3_bind_int64(insert, (i * 5) + 5, RunId));
        }

        Step(insert);
        if (raw.sqlite3_changes(_connection.Handle) == values.Count)
            return null;
        foreach (var (value, kind) in values)
        {
            if (OwnerOf(value) is { } owner && !string.Equals(owner, personId, StringComparison.Ordinal))
            {
                foreach (var (bound, _) in values)
                    Unbind(bound, personId); // only what this run bound to this person: an earlier run's binding stays
                return new IdentityBinding(value, kind, owner);
            }
        }

        return null;
    }

    private sqlite3_stmt BindStatement(int count)
    {
        if (_bindByCount.TryGetValue(count, out var statement))
            return statement;
        var rows = string.Join(", ", Enumerable.Range(0, count).Select(i => $"(?{(i * 5) + 1}, ?{(i * 5) + 2}, ?{(i * 5) + 3}, ?{(i * 5) + 4}, ?{(i * 5) + 5})"));
        Check(raw.sqlite3_prepare_v2(_connection.Handle, $"INSERT OR IGNORE INTO bindings (value_key, value, kind, person_id, bound_run) VALUES {rows}", out statement));
        _bindByCount[count] = statement;
        return statement;
    }

    /// <summary>The person_id <paramref name="value"/> is bound to, or null when it is bound to no one.</summary>
    public string? OwnerOf(string value)
    {
        _owner.Parameters[0].Value = IdentityBinding.KeyOf(value);
        return _owner.ExecuteScalar() as string;
    }

    private void Unbind(string value, string personId)
    {
        _unbind.Parameters[0].Value = IdentityBinding.KeyOf(value);
        _unbind.Parameters[1].Value = personId;
        _unbind.Parameters[2].Value = RunId;
        _unbind.ExecuteNonQuery();
    }

    /// <summary>
    /// Records the user's record (with <paramref name="status"/>), written into this run's zips at
    /// <paramref name="record"/>, for <paramref name="user"/>, who is present in this run's extract. The record itself
    /// is kept with the zip (<see cref="Commit"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Record(SentUser user, RecordLocation record, string status)
    {
        ArgumentNullException.ThrowIfNull(user);
        _seen.Add(PersonKey.Of(user.PersonId));
        Upsert(user, record, status, leftRun: null);
    }

    /// <summary>Records the record at <paramref name="record"/> as this run's leaver record of <paramref name="user"/> (sent once).</summary>
    public void RecordLeaver(SentUser user, RecordLocation record, string status)
    {
        ArgumentNullException.ThrowIfNull(user);
        Upsert(user, record, status, leftRun: RunId);
    }

    private void Upsert(SentUser user, RecordLocation record, string status, long? leftRun)
    {
        if (_newest.Knows(user.PersonId))
        {
            // The record Alma has (the newest, once its run was delivered) becomes the one before the record written now.
            BindText(_moveDeliveredAside, 1, user.PersonId);
            Step(_moveDeliveredAside);
        }

        BindText(_record, 1, user.PersonId);
        BindText(_record, 2, user.PrimaryId);
        BindText(_record, 3, user.MatchIdType);
        BindText(_record, 4, user.MatchIdValue);
        BindText(_record, 5, user.UserGroup);
        BindText(_record, 6, user.UserGroupDesc);
        BindText(_record, 7, user.CampusCode);
        Check(raw.sqlite3_bind_blob(_record, 8, user.Fingerprint));
        Check(raw.sqlite3_bind_int64(_record, 9, RunId));
        Check(leftRun is { } left ? raw.sqlite3_bind_int64(_record, 10, left) : raw.sqlite3_bind_null(_record, 10));
        BindText(_record, 11, status);
        _zipsWithRecords.Add(record.Zip);
        Check(raw.sqlite3_bind_int(_record, 12, record.Zip));
        Check(raw.sqlite3_bind_int(_record, 13, record.Entry));
        Check(raw.sqlite3_bind_int64(_record, 14, record.Offset));
        Check(raw.sqlite3_bind_int(_record, 15, record.Length));
        Step(_record);
    }

    /// <summary>
    /// Notes that <paramref name="personId"/> is in this run's extract although nothing new was written for it (its
    /// record is unchanged, or its row was rejected): a person who is present is not a leaver. Kept in memory (16 bytes
    /// a person), not in the file: an update of every person's row each night was most of a steady night's state cost
    /// (docs/benchmarks.md).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void MarkSeen(string personId) => _seen.Add(PersonKey.Of(personId));

    /// <summary>
    /// People with a record, not in this run's extract and not yet sent as leavers, with their newest record; in
    /// person_id order.
    /// </summary>
    public IReadOnlyList<StoredUser> Leavers() => (_leavers ??= FindLeavers()).WithRecord;

    /// <summary>People not in this run's extract and not sent as leavers, whose record the state does not hold (known from before records were kept).</summary>
    public long LeaversWithoutRecord() => (_leavers ??= FindLeavers()).WithoutRecord;

    /// <summary>Everyone not yet sent as a leaver whom this run did not see, read once the run has seen everyone present.</summary>
    private (List<StoredUser>, long) FindLeavers()
    {
        CollectionsMarshal.AsSpan(_seen).Sort(); // in place: a copy would hold every person's key twice at the run's peak
        var absent = new List<string>();
        using (var scan = Prepare("SELECT person_id FROM sent_users WHERE left_run IS NULL ORDER BY person_id"))
        using (var reader = scan.ExecuteReader())
        {
            while (reader.Read())
            {
                var personId = reader.GetString(0);
                if (!Seen(personId))
                    absent.Add(personId);
            }
        }

        var found = new List<(SentUser Sent, KeptRecord? At, string? Status)>();
        using (var command = Prepare("""
            SELECT person_id, primary_id, match_id_type, match_id_value, user_group, user_group_desc, campus_code,
                   COALESCE(pending_fingerprint, fingerprint), COALESCE(pending_status, status),
                   pending_run, pending_zip, pending_entry, pending_offset, pending_length,
                   record_run, record_zip, record_entry, record_offset, record_length
            FROM sent_users WHERE person_id = $p
            """, "$p"))
        {
            foreach (var personId in absent)
            {
                command.Parameters[0].Value = personId;
                using var reader = command.ExecuteReader();
                reader.Read();
                var sent = new SentUser(reader.GetString(0), Text(reader, 1), Text(reader, 2), Text(reader, 3), Text(reader, 4),
                    Text(reader, 5), Text(reader, 6), (byte[])reader.GetValue(7));
                found.Add((sent, KeptRecord.Read(reader, 9) ?? KeptRecord.Read(reader, 14), Text(reader, 8)));
            }
        }

        var records = KeptZips.Read(_connection, found.Where(f => f.At is not null).Select(f => f.At!.Value));
        var leavers = new List<StoredUser>();
        long withoutRecord = 0;
        foreach (var (sent, at, status) in found)
        {
            if (at is { } kept && records.TryGetValue(kept, out var record))
                leavers.Add(new StoredUser(sent, record, status));
            else
                withoutRecord++;
        }

        return (leavers, withoutRecord);
    }

    private bool Seen(string personId) => CollectionsMarshal.AsSpan(_seen).BinarySearch(PersonKey.Of(personId)) >= 0;

    /// <summary>Remembers that <paramref name="personId"/> left and needs no leaver record (one is not sent again).</summary>
    public void MarkLeft(string personId)
    {
        _left.Parameters[0].Value = personId;
        _left.Parameters[1].Value = RunId;
        _left.ExecuteNonQuery();
    }

    /// <summary>
    /// Keeps every change of this run and records it as <paramref name="run"/> (its id must be <see cref="RunId"/>),
    /// with the zips it placed in the outbox, in their order, which are yet to reach Alma (a run with none is delivered
    /// at once); a zip that holds a record this run recorded is kept in the state, byte for byte, while it holds someone's
    /// newest record (a full run's zip of people who were all unchanged is not).
    /// </summary>
    public void Commit(RunRecord run, IReadOnlyList<PackagedZip> zips)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(zips);
        if (run.Id != RunId)
            throw new ArgumentException($"The run record has id {run.Id}; this run is {RunId}.", nameof(run));
        ExportStateStore.InsertRun(_connection, _transaction, run with { Delivery = RunRecord.Pending });
        for (var i = 0; i < zips.Count; i++)
            KeptZips.Add(_connection, _transaction, RunId, zipNumber: i + 1, zips[i].FileName, _zipsWithRecords.Contains(i + 1) ? zips[i].FullPath : null);
        if (_zipsWithRecords.Count > 0)
            KeptZips.PruneBefore(_connection, _transaction, RunId);
        if (zips.Count == 0)
            ExportStateStore.Deliver(_connection, _transaction, RunId);
        _transaction.Commit();
        _finished = true;
    }

    /// <summary>Drops every change of this run unless it was committed.</summary>
    public void Dispose()
    {
        if (!_finished)
            _transaction.Rollback();
        _finished = true;
        _record.Dispose();
        _moveDeliveredAside.Dispose();
        foreach (var statement in _bindByCount.Values)
            statement.Dispose();
        _owner.Dispose();
        _unbind.Dispose();
        _left.Dispose();
        _transaction.Dispose();
    }

    private void BindText(sqlite3_stmt statement, int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(statement, index));
            return;
        }

        if (value.Length == 0)
        {
            Check(raw.sqlite3_bind_text(statement, index, ""));
            return;
        }

        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_utf8.Length < length)
            _utf8 = new byte[Math.Max(length, _utf8.Length * 2)];
        var written = Encoding.UTF8.GetBytes(value, _utf8);
        Check(raw.sqlite3_bind_text(statement, index, _utf8.AsSpan(0, written))); // SQLite copies the bytes (SQLITE_TRANSIENT)
    }

    private void Step(sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        var reset = raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
            Check(rc);
        Check(reset);
    }

    private void Check(int rc) => SqliteException.ThrowExceptionForRC(rc, _connection.Handle);

    internal static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

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
