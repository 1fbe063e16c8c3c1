using System.IO.Compression;
using Microsoft.Data.Sqlite;

namespace AlmaIntegrationKit.State;

/// <summary>
/// The tables of the state file and the upgrade of a file written by an earlier version (<c>PRAGMA user_version</c>).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>feed</c>: the feed the file belongs to (institution, profile, Alma environment); one file, one feed.</item>
/// <item><c>runs</c>: every run; <c>delivery</c> is <c>pending</c> until every zip of the run was placed, then
/// <c>delivered</c> (or <c>abandoned</c> when a zip can no longer be placed); null for runs that placed nothing.</item>
/// <item><c>run_zips</c>: the zips of each run, when each was placed, and the zip itself (<c>bytes</c>), byte for byte
/// as it went to Alma, for as long as it holds a person's newest record (then <c>bytes</c> is emptied).</item>
/// <item><c>sent_users</c>: per person_id, the newest record a run wrote (<c>pending_*</c>: run, fingerprint, status,
/// and where the record lies in a kept zip) and the one before it (<c>fingerprint</c>, <c>status</c>, <c>record_*</c>);
/// when a record was last written for the person and when the person was sent as a leaver. The newest is what Alma
/// has once its run is delivered (<c>runs.delivery</c>), so a delivery changes no person's row; the view
/// <c>delivered_users</c> gives what Alma has. The older record moves aside only when a newer one is written. Small
/// rows, written only for people whose record is new or changed: the records themselves are the zips' (a kilobyte a
/// person stored again each first night was most of the state's cost, and ten times its size).</item>
/// <item><c>bindings</c>: every primary_id and identifier value delivered for a person_id (compared ignoring case,
/// as Alma does), so that a value is never delivered for another person until the college releases it.</item>
/// <item><c>history</c>: what was done to the state by hand (reset, release of a value), with the reason given.</item>
/// </list>
/// </remarks>
internal static class StateSchema
{
    /// <summary>
    /// The version this code writes. Files of version 0 (no version, before per-person records) and 2 (records kept
    /// apart in <c>user_records</c>) are upgraded.
    /// </summary>
    public const int Version = 3;

    private const string Tables = """
        CREATE TABLE IF NOT EXISTS feed (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS runs (
            id INTEGER PRIMARY KEY,
            run_name TEXT NOT NULL,
            started_utc TEXT NOT NULL,
            mode TEXT NOT NULL,
            succeeded INTEGER NOT NULL,
            rows_read INTEGER NOT NULL,
            people INTEGER NOT NULL,
            written INTEGER NOT NULL,
            unchanged INTEGER NOT NULL,
            rejected INTEGER NOT NULL,
            merged INTEGER NOT NULL,
            leavers_written INTEGER NOT NULL,
            users INTEGER NOT NULL,
            delivery TEXT);
        CREATE TABLE IF NOT EXISTS run_zips (
            run_id INTEGER NOT NULL,
            file_name TEXT NOT NULL,
            placed_utc TEXT,
            zip_no INTEGER,
            bytes BLOB,
            PRIMARY KEY (run_id, file_name));
        CREATE TABLE IF NOT EXISTS sent_users (
            person_id TEXT PRIMARY KEY NOT NULL,
            primary_id TEXT,
            match_id_type TEXT,
            match_id_value TEXT,
            user_group TEXT,
            user_group_desc TEXT,
            campus_code TEXT,
            fingerprint BLOB NOT NULL,
            last_seen_run INTEGER NOT NULL,
            left_run INTEGER,
            status TEXT,
            pending_run INTEGER,
            pending_fingerprint BLOB,
            pending_status TEXT,
            record_run INTEGER,
            record_zip INTEGER,
            record_entry INTEGER,
            record_offset INTEGER,
            record_length INTEGER,
            pending_zip INTEGER,
            pending_entry INTEGER,
            pending_offset INTEGER,
            pending_length INTEGER);
        DROP INDEX IF EXISTS sent_users_pending;
        CREATE VIEW IF NOT EXISTS delivered_users AS
            SELECT s.person_id, s.primary_id, s.match_id_type, s.match_id_value, s.user_group, s.user_group_desc, s.campus_code, s.left_run,
                   IIF(r.delivery = 'delivered', s.pending_fingerprint, s.fingerprint) AS fingerprint,
                   IIF(r.delivery = 'delivered', s.pending_status, s.status) AS status,
                   IIF(r.delivery = 'delivered', s.pending_run, s.record_run) AS record_run,
                   IIF(r.delivery = 'delivered', s.pending_zip, s.record_zip) AS record_zip,
                   IIF(r.delivery = 'delivered', s.pending_entry, s.record_entry) AS record_entry,
                   IIF(r.delivery = 'delivered', s.pending_offset, s.record_offset) AS record_offset,
                   IIF(r.delivery = 'delivered', s.pending_length, s.record_length) AS record_length
            FROM sent_users s LEFT JOIN runs r ON r.id = s.pending_run;
        CREATE TABLE IF NOT EXISTS bindings (
            value_key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL,
            kind TEXT NOT NULL,
            person_id TEXT NOT NULL,
            bound_run INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS history (
            id INTEGER PRIMARY KEY,
            at_utc TEXT NOT NULL,
            action TEXT NOT NULL,
            detail TEXT NOT NULL,
            reason TEXT NOT NULL);
        """;

    /// <summary>Columns added since version 0, per table: added to an older file before its data is upgraded.</summary>
    private static readonly (string Table, string Column, string Type)[] AddedColumns =
    [
        ("runs", "delivery", "TEXT"),
        ("run_zips", "zip_no", "INTEGER"),
        ("run_zips", "bytes", "BLOB"),
        ("sent_users", "status", "TEXT"),
        ("sent_users", "pending_run", "INTEGER"),
        ("sent_users", "pending_fingerprint", "BLOB"),
        ("sent_users", "pending_status", "TEXT"),
        ("sent_users", "record_run", "INTEGER"),
        ("sent_users", "record_zip", "INTEGER"),
        ("sent_users", "record_entry", "INTEGER"),
        ("sent_users", "record_offset", "INTEGER"),
        ("sent_users", "record_length", "INTEGER"),
        ("sent_users", "pending_zip", "INTEGER"),
        ("sent_users", "pending_entry", "INTEGER"),
        ("sent_users", "pending_offset", "INTEGER"),
        ("sent_users", "pending_length", "INTEGER"),
    ];

    /// <summary>Creates the tables, upgrading a file of an earlier version first.</summary>
    public static void Apply(SqliteConnection connection)
    {
        var version = Scalar(connection, "PRAGMA user_version");
        if (version > Version)
            throw new StateFileException($"The state file was written by a newer version of AlmaIntegrationKit (state version {version}; this one knows {Version}): update the project's AlmaIntegrationKit package, or restore the file from a backup.");
        using var transaction = connection.BeginTransaction();
        var existing = Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'sent_users'") == 1;
        if (existing && version < Version)
            AddMissingColumns(connection);
        if (existing && version == 0)
            UpgradeFromVersion0(connection);
        if (existing && version == 2)
            UpgradeFromVersion2(connection);
        Execute(connection, Tables);
        Execute(connection, $"PRAGMA user_version = {Version}");
        transaction.Commit();
    }

    /// <summary>
    /// A file from before per-person records: it knew what was sent but kept no record, no deliveries and no bindings.
    /// Its runs count as delivered; its fingerprints are cleared, so the next run sends everyone once and keeps their
    /// records (a delta run says so in its counts); each primary_id it knew is bound to its person.
    /// </summary>
    private static void UpgradeFromVersion0(SqliteConnection connection)
    {
        Execute(connection, """
            UPDATE runs SET delivery = 'delivered' WHERE succeeded = 1;
            UPDATE sent_users SET fingerprint = X'';
            """);
        Execute(connection, Tables);
        var known = new List<(string PersonId, string PrimaryId, long Run)>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT person_id, primary_id, last_seen_run FROM sent_users WHERE primary_id IS NOT NULL";
            using var reader = select.ExecuteReader();
            while (reader.Read())
                known.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT OR IGNORE INTO bindings (value_key, value, kind, person_id, bound_run) VALUES ($key, $value, 'primary_id', $person, $run)";
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        var value = insert.Parameters.Add("$value", SqliteType.Text);
        var person = insert.Parameters.Add("$person", SqliteType.Text);
        var run = insert.Parameters.Add("$run", SqliteType.Integer);
        foreach (var (personId, primaryId, lastRun) in known)
        {
            key.Value = IdentityBinding.KeyOf(primaryId);
            value.Value = primaryId;
            person.Value = personId;
            run.Value = lastRun;
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// A file of the version that kept the records apart (<c>user_records</c>): its delivered records go into one zip of
    /// their own (run 0), and the records of a run not yet placed into one for that run (number 0, never to be placed),
    /// which the people's rows point into; the table is dropped.
    /// </summary>
    private static void UpgradeFromVersion2(SqliteConnection connection)
    {
        var zips = new Dictionary<long, KeptRecords>();
        var locations = new List<(string PersonId, bool Pending, long Run, long Offset, int Length)>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT r.person_id, r.record, r.pending_record, s.pending_run FROM user_records r JOIN sent_users s ON s.person_id = r.person_id";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                for (var ordinal = 1; ordinal <= 2; ordinal++)
                {
                    var pending = ordinal == 2;
                    if (reader.IsDBNull(ordinal) || (pending && reader.IsDBNull(3)))
                        continue;
                    var run = pending ? reader.GetInt64(3) : 0;
                    if (!zips.TryGetValue(run, out var zip))
                        zips[run] = zip = new KeptRecords();
                    var record = (byte[])reader.GetValue(ordinal);
                    locations.Add((reader.GetString(0), pending, run, zip.Add(record), record.Length));
                }
            }
        }

        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO run_zips (run_id, file_name, placed_utc, zip_no, bytes) VALUES ($run, 'state-upgrade.zip', $at, 0, $bytes)";
            var run = insert.Parameters.Add("$run", SqliteType.Integer);
            insert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            var bytes = insert.Parameters.Add("$bytes", SqliteType.Blob);
            foreach (var (runId, zip) in zips)
            {
                run.Value = runId;
                bytes.Value = zip.Close();
                insert.ExecuteNonQuery();
            }
        }

        using (var point = connection.CreateCommand())
        {
            var person = point.Parameters.Add("$p", SqliteType.Text);
            var offset = point.Parameters.Add("$o", SqliteType.Integer);
            var length = point.Parameters.Add("$l", SqliteType.Integer);
            foreach (var (personId, pending, _, at, size) in locations)
            {
                point.CommandText = pending
                    ? "UPDATE sent_users SET pending_zip = 0, pending_entry = 0, pending_offset = $o, pending_length = $l WHERE person_id = $p"
                    : "UPDATE sent_users SET record_run = 0, record_zip = 0, record_entry = 0, record_offset = $o, record_length = $l WHERE person_id = $p";
                person.Value = personId;
                offset.Value = at;
                length.Value = size;
                point.ExecuteNonQuery();
            }
        }

        Execute(connection, "DROP TABLE user_records");
    }

    /// <summary>Records written one after another into the single entry of a zip in memory.</summary>
    private sealed class KeptRecords
    {
        private readonly MemoryStream _zip = new();
        private readonly ZipArchive _archive;
        private readonly Stream _entry;
        private long _length;

        public KeptRecords()
        {
            _archive = new ZipArchive(_zip, ZipArchiveMode.Create, leaveOpen: true);
            _entry = _archive.CreateEntry("records.xml", CompressionLevel.Fastest).Open();
        }

        /// <summary>Appends <paramref name="record"/>; returns where it starts.</summary>
        public long Add(byte[] record)
        {
            _entry.Write(record);
            _length += record.Length;
            return _length - record.Length;
        }

        public byte[] Close()
        {
            _entry.Dispose();
            _archive.Dispose();
            return _zip.ToArray();
        }
    }

    private static void AddMissingColumns(SqliteConnection connection)
    {
        foreach (var (table, column, type) in AddedColumns)
        {
            if (Scalar(connection, $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'") == 1
                && Scalar(connection, $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}'") == 0)
                Execute(connection, $"ALTER TABLE {table} ADD COLUMN {column} {type}");
        }
    }

    internal static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
