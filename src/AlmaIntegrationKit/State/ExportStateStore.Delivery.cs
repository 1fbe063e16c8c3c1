using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AlmaIntegrationKit.State;

/// <summary>One zip of a run that has not been placed yet.</summary>
/// <param name="RunId">The run's number in the state file.</param>
/// <param name="RunName">The run's name (its report folder in the outbox).</param>
/// <param name="FileName">The zip's file name in the outbox.</param>
internal sealed record PendingZip(long RunId, string RunName, string FileName);

internal sealed partial class ExportStateStore
{
    /// <summary>The zips runs left unplaced, oldest run first, each run's in name order: the order they must be placed in.</summary>
    public IReadOnlyList<PendingZip> PendingZips()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT r.id, r.run_name, z.file_name FROM run_zips z JOIN runs r ON r.id = z.run_id
            WHERE z.placed_utc IS NULL AND r.delivery = 'pending' ORDER BY r.id, z.file_name
            """;
        using var reader = command.ExecuteReader();
        var zips = new List<PendingZip>();
        while (reader.Read())
            zips.Add(new PendingZip(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        return zips;
    }

    /// <summary>
    /// Records that <paramref name="zip"/> is in its place for Alma. When it was the run's last unplaced zip, the run
    /// is delivered: what its zips hold becomes what the state says Alma has. Returns whether that happened.
    /// </summary>
    public bool MarkPlaced(PendingZip zip, DateTimeOffset placedUtc)
    {
        ArgumentNullException.ThrowIfNull(zip);
        using var transaction = _connection.BeginTransaction();
        Run(transaction, "UPDATE run_zips SET placed_utc = $at WHERE run_id = $run AND file_name = $name AND placed_utc IS NULL",
            ("$at", placedUtc.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)), ("$run", zip.RunId), ("$name", zip.FileName));
        var delivered = Count(transaction, "SELECT COUNT(*) FROM run_zips WHERE run_id = $run AND placed_utc IS NULL", ("$run", zip.RunId)) == 0;
        if (delivered)
        {
            Deliver(transaction, zip.RunId);
            if (Count(transaction, "SELECT COUNT(*) FROM run_zips WHERE run_id = $run AND bytes IS NOT NULL", ("$run", zip.RunId)) > 0)
                KeptZips.PruneBefore(_connection, transaction, zip.RunId); // the records its newest ones replace are needed no longer
        }
        transaction.Commit();
        return delivered;
    }

    /// <summary>
    /// Gives up a run whose zips can no longer be placed (a zip was removed from the outbox): what it held counts as
    /// never sent, so the next run sends it again; its leavers are leavers again.
    /// </summary>
    public void Abandon(long runId)
    {
        using var transaction = _connection.BeginTransaction();
        Run(transaction, "UPDATE sent_users SET left_run = NULL WHERE pending_run = $run AND pending_status = 'INACTIVE' AND left_run = $run", ("$run", runId));
        Run(transaction, """
            UPDATE sent_users SET pending_run = NULL, pending_fingerprint = NULL, pending_status = NULL,
                pending_zip = NULL, pending_entry = NULL, pending_offset = NULL, pending_length = NULL
            WHERE pending_run = $run;
            """, ("$run", runId));
        Run(transaction, "UPDATE runs SET delivery = 'abandoned' WHERE id = $run", ("$run", runId));
        KeptZips.Prune(_connection, transaction);
        transaction.Commit();
    }

    /// <summary>When the last full run that was delivered started, or null when none was.</summary>
    public DateTimeOffset? LastDeliveredFullRunUtc()
    {
        var started = QueryRuns("WHERE mode = 'Full' AND delivery = 'delivered' ORDER BY id DESC LIMIT 1").FirstOrDefault();
        return started?.StartedUtc;
    }

    /// <summary>
    /// The records of run <paramref name="runId"/> become the delivered ones: the run is marked delivered, and every
    /// person's newest record from it counts as what Alma has (<c>delivered_users</c>); no person's row changes.
    /// </summary>
    internal static void Deliver(SqliteConnection connection, SqliteTransaction transaction, long runId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE runs SET delivery = 'delivered' WHERE id = $run";
        command.Parameters.AddWithValue("$run", runId);
        command.ExecuteNonQuery();
    }

    private void Deliver(SqliteTransaction transaction, long runId) => Deliver(_connection, transaction, runId);

    private void Run(SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(transaction, sql, parameters);
        command.ExecuteNonQuery();
    }

    private long Count(SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(transaction, sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private SqliteCommand Command(SqliteTransaction? transaction, string sql, (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }
}
