using System.Text;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Results;
using AlmaIntegrationKit.State;
using AlmaIntegrationKit.Tests.Export;
using Microsoft.Data.Sqlite;

namespace AlmaIntegrationKit.Tests.State;

/// <summary>State files written by earlier versions open as they are, and keep what they knew.</summary>
public sealed class StateFileUpgradeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("alma-state-upgrade-").FullName;

    private string StatePath => Path.Combine(_folder, "export-state.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_file_from_before_records_were_kept_binds_its_logins_and_resends_everyone_once()
    {
        Execute("""
            CREATE TABLE runs (id INTEGER PRIMARY KEY, run_name TEXT NOT NULL, started_utc TEXT NOT NULL, mode TEXT NOT NULL,
                succeeded INTEGER NOT NULL, rows_read INTEGER NOT NULL, people INTEGER NOT NULL, written INTEGER NOT NULL,
                unchanged INTEGER NOT NULL, rejected INTEGER NOT NULL, merged INTEGER NOT NULL, leavers_written INTEGER NOT NULL,
                users INTEGER NOT NULL);
            CREATE TABLE sent_users (person_id TEXT PRIMARY KEY NOT NULL, primary_id TEXT, match_id_type TEXT, match_id_value TEXT,
                user_group TEXT, user_group_desc TEXT, campus_code TEXT, fingerprint BLOB NOT NULL, last_seen_run INTEGER NOT NULL,
                left_run INTEGER);
            INSERT INTO runs VALUES (1, '01TEST_students_20300115', '2030-01-15T02:00:00.0000000+00:00', 'Full', 1, 2, 2, 2, 0, 0, 0, 0, 2);
            INSERT INTO sent_users VALUES ('P1', 'login1', NULL, 'login1', 'UG', NULL, NULL, X'0102', 1, NULL);
            INSERT INTO sent_users VALUES ('P2', 'login2', NULL, 'login2', 'UG', NULL, NULL, X'0304', 1, NULL);
            """);

        using var store = ExportStateStore.Open(StatePath);
        Assert.Equal(2, store.Summarize().Bindings);
        Assert.Equal(RunRecord.Delivered, store.LastSuccessfulRun()!.Delivery);
        using var run = store.BeginRun();
        Assert.False(run.HoldsNewest("P1", [1, 2])); // fingerprints cleared: everyone is sent once and their record kept
        Assert.Equal("P1", run.OwnerOf("LOGIN1"));
        run.MarkSeen("P1");
        Assert.Empty(run.Leavers());
        Assert.Equal(1, run.LeaversWithoutRecord()); // P2 left, but no record of P2 is held to send INACTIVE
    }

    [Fact]
    public void A_file_that_kept_the_records_apart_moves_them_into_a_kept_zip_delivered_and_pending_alike()
    {
        Execute("""
            CREATE TABLE feed (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
            CREATE TABLE runs (id INTEGER PRIMARY KEY, run_name TEXT NOT NULL, started_utc TEXT NOT NULL, mode TEXT NOT NULL,
                succeeded INTEGER NOT NULL, rows_read INTEGER NOT NULL, people INTEGER NOT NULL, written INTEGER NOT NULL,
                unchanged INTEGER NOT NULL, rejected INTEGER NOT NULL, merged INTEGER NOT NULL, leavers_written INTEGER NOT NULL,
                users INTEGER NOT NULL, delivery TEXT);
            CREATE TABLE run_zips (run_id INTEGER NOT NULL, file_name TEXT NOT NULL, placed_utc TEXT, PRIMARY KEY (run_id, file_name));
            CREATE TABLE sent_users (person_id TEXT PRIMARY KEY NOT NULL, primary_id TEXT, match_id_type TEXT, match_id_value TEXT,
                user_group TEXT, user_group_desc TEXT, campus_code TEXT, fingerprint BLOB NOT NULL, last_seen_run INTEGER NOT NULL,
                left_run INTEGER, status TEXT, pending_run INTEGER, pending_fingerprint BLOB, pending_status TEXT);
            CREATE INDEX sent_users_pending ON sent_users (pending_run) WHERE pending_run IS NOT NULL;
            CREATE TABLE user_records (person_id TEXT PRIMARY KEY NOT NULL, record BLOB, pending_record BLOB);
            CREATE TABLE bindings (value_key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL, kind TEXT NOT NULL,
                person_id TEXT NOT NULL, bound_run INTEGER NOT NULL) WITHOUT ROWID;
            CREATE TABLE history (id INTEGER PRIMARY KEY, at_utc TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL, reason TEXT NOT NULL);
            INSERT INTO runs VALUES (1, 'night1', '2030-01-15T02:00:00.0000000+00:00', 'Full', 1, 2, 2, 2, 0, 0, 0, 0, 2, 'delivered');
            INSERT INTO runs VALUES (2, 'night2', '2030-01-16T02:00:00.0000000+00:00', 'Delta', 1, 2, 2, 1, 1, 0, 0, 0, 2, 'pending');
            INSERT INTO run_zips VALUES (1, 'night1.zip', '2030-01-15T02:01:00.0000000+00:00');
            INSERT INTO run_zips VALUES (2, 'night2.zip', NULL);
            INSERT INTO sent_users VALUES ('P1', 'login1', NULL, 'login1', 'UG', NULL, NULL, X'01', 1, NULL, 'ACTIVE', NULL, NULL, NULL);
            INSERT INTO sent_users VALUES ('P2', 'login2', NULL, 'login2', 'UG', NULL, NULL, X'02', 1, NULL, 'ACTIVE', 2, X'03', 'ACTIVE');
            INSERT INTO user_records VALUES ('P1', CAST('<user><primary_id>login1</primary_id></user>' AS BLOB), NULL);
            INSERT INTO user_records VALUES ('P2', CAST('<user><primary_id>login2</primary_id></user>' AS BLOB),
                CAST('<user><primary_id>login2</primary_id><last_name>New</last_name></user>' AS BLOB));
            PRAGMA user_version = 2;
            """);

        using (var store = ExportStateStore.Open(StatePath))
        {
            using (var run = store.BeginRun())
            {
                var leavers = run.Leavers().ToDictionary(l => l.Sent.PersonId, l => Encoding.UTF8.GetString(l.Record));
                Assert.Equal("<user><primary_id>login1</primary_id></user>", leavers["P1"]);
                Assert.Equal("<user><primary_id>login2</primary_id><last_name>New</last_name></user>", leavers["P2"]); // the newest, pending
            }

            Assert.Equal([new PendingZip(2, "night2", "night2.zip")], store.PendingZips());

            // Placing night 2 makes its record the delivered one; the delivered record of before is no longer needed.
            Assert.True(store.MarkPlaced(store.PendingZips()[0], DateTimeOffset.UnixEpoch));
        }

        using (var store = ExportStateStore.Open(StatePath))
        {
            using var run = store.BeginRun();
            var leavers = run.Leavers().ToDictionary(l => l.Sent.PersonId, l => Encoding.UTF8.GetString(l.Record));
            Assert.Equal("<user><primary_id>login2</primary_id><last_name>New</last_name></user>", leavers["P2"]);
            Assert.Equal(2, leavers.Count);
        }

        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'user_records'"));
    }

    [Fact]
    public async Task A_kept_zip_is_emptied_once_no_one_s_newest_record_lies_in_it()
    {
        using var harness = new ExportHarness();
        var options = harness.Options() with { Safety = new SafetyOptions { MaxDropPercent = 100 } };
        await harness.RunAsync(new PatronFeed().Good(2), options);
        Deliver(harness.StatePath);

        // The next night changes one person only: both zips hold a newest record.
        var oneChanged = new PatronFeed().Row("P00001", "user00001", "UG", barcode: "B00001", email: "changed@example.edu")
            .Row("P00002", "user00002", "UG", barcode: "B00002", email: "user00002@example.edu");
        await harness.RunAsync(oneChanged, options with { StartedUtc = ExportHarness.Started.AddDays(1), Mode = ExportMode.Delta });
        Deliver(harness.StatePath);
        Assert.Equal(2L, KeptZipCount(harness.StatePath));

        // Then the other changes too: the first night's zip holds nothing anyone needs.
        var bothChanged = new PatronFeed().Row("P00001", "user00001", "UG", barcode: "B00001", email: "changed@example.edu")
            .Row("P00002", "user00002", "UG", barcode: "B00002", email: "changed2@example.edu");
        await harness.RunAsync(bothChanged, options with { StartedUtc = ExportHarness.Started.AddDays(2), Mode = ExportMode.Delta });
        Deliver(harness.StatePath);
        Assert.Equal(2L, KeptZipCount(harness.StatePath));
        Assert.Equal(0L, KeptZipCount(harness.StatePath, run: 1));
    }

    private static void Deliver(string statePath)
    {
        using var store = ExportStateStore.Open(statePath);
        foreach (var zip in store.PendingZips())
            store.MarkPlaced(zip, DateTimeOffset.UnixEpoch);
    }

    private static long KeptZipCount(string statePath, long? run = null)
    {
        using var connection = new SqliteConnection($"Data Source={statePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM run_zips WHERE bytes IS NOT NULL" + (run is null ? "" : $" AND run_id = {run}");
        return (long)command.ExecuteScalar()!;
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={StatePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={StatePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
