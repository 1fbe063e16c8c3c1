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
/// <item><c>run_zips</c>: the zips of each run and when each was placed.</item>
/// <item><c>sent_users</c>: per person_id, the record Alma has (<c>fingerprint</c>, <c>status</c>: the last delivered;
/// an empty fingerprint when none was), and the newer record a run wrote into a zip not yet placed (<c>pending_*</c>);
/// when the person was last in the extract and when sent as a leaver. Small rows: every run updates every one of them,
/// so every page of this table goes through the write-ahead log each night.</item>
/// <item><c>user_records</c>: the record bytes themselves (delivered and pending), about a kilobyte a person, apart
/// from <c>sent_users</c>, written only when a record is new or changed (inline, they made the nightly log ten times
/// larger).</item>
/// <item><c>bindings</c>: every primary_id and identifier value delivered for a person_id (compared ignoring case,
/// as Alma does), so that a value is never delivered for another person until the college releases it.</item>
/// <item><c>history</c>: what was done to the state by hand (reset, release of a value), with the reason given.</item>
/// </list>
/// </remarks>
internal static class StateSchema
{
    /// <summary>The version this code writes; files of version 0 (no version, before per-person records) are upgraded.</summary>
    public const int Version = 2;

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
            pending_status TEXT);
        CREATE INDEX IF NOT EXISTS sent_users_pending ON sent_users (pending_run) WHERE pending_run IS NOT NULL;
        CREATE TABLE IF NOT EXISTS user_records (
            person_id TEXT PRIMARY KEY NOT NULL,
            record BLOB,
            pending_record BLOB);
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

    /// <summary>Creates the tables, upgrading a file of an earlier version first.</summary>
    public static void Apply(SqliteConnection connection)
    {
        var version = Scalar(connection, "PRAGMA user_version");
        if (version > Version)
            throw new StateFileException($"The state file was written by a newer version of AlmaIntegrationKit (state version {version}; this one knows {Version}): update the project's AlmaIntegrationKit package, or restore the file from a backup.");
        using var transaction = connection.BeginTransaction();
        if (version == 0 && Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'sent_users'") == 1)
            UpgradeFromVersion0(connection);
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
            ALTER TABLE runs ADD COLUMN delivery TEXT;
            UPDATE runs SET delivery = 'delivered' WHERE succeeded = 1;
            ALTER TABLE sent_users ADD COLUMN status TEXT;
            ALTER TABLE sent_users ADD COLUMN pending_run INTEGER;
            ALTER TABLE sent_users ADD COLUMN pending_fingerprint BLOB;
            ALTER TABLE sent_users ADD COLUMN pending_status TEXT;
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
