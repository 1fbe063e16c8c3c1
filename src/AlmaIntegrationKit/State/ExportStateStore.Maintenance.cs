using System.Globalization;

namespace AlmaIntegrationKit.State;

/// <summary>What a state file holds, in numbers (for <c>state show</c>).</summary>
/// <param name="Feed">The feed it belongs to, if stamped.</param>
/// <param name="Runs">Runs recorded.</param>
/// <param name="Delivered">People whose record Alma has.</param>
/// <param name="Pending">People with a newer record in a zip not yet placed.</param>
/// <param name="Left">People sent as leavers.</param>
/// <param name="Bindings">primary_id and identifier values bound to a person.</param>
/// <param name="PendingZips">Zips not yet placed.</param>
internal sealed record StateSummary(FeedIdentity? Feed, long Runs, long Delivered, long Pending, long Left, long Bindings, long PendingZips);

/// <summary>One thing done to the state by hand, with the reason given.</summary>
/// <param name="AtUtc">When.</param>
/// <param name="Action"><c>reset</c> or <c>release-id</c>.</param>
/// <param name="Detail">What was done.</param>
/// <param name="Reason">Why, as the operator said.</param>
internal sealed record StateHistoryEntry(DateTimeOffset AtUtc, string Action, string Detail, string Reason);

internal sealed partial class ExportStateStore
{
    /// <summary>What the file holds.</summary>
    public StateSummary Summarize() => new(
        Feed,
        Count(null, "SELECT COUNT(*) FROM runs"),
        Count(null, "SELECT COUNT(*) FROM delivered_users WHERE record_zip IS NOT NULL"),
        Count(null, "SELECT COUNT(*) FROM sent_users s JOIN runs r ON r.id = s.pending_run WHERE r.delivery = 'pending'"),
        Count(null, "SELECT COUNT(*) FROM sent_users WHERE left_run IS NOT NULL"),
        Count(null, "SELECT COUNT(*) FROM bindings"),
        PendingZips().Count);

    /// <summary>
    /// Forgets what Alma has (after the cutover from sandbox to production, or after Alma's users were reloaded): the
    /// next run sends everyone, and unplaced zips are given up. The runs and the identity bindings are kept: who each
    /// login belongs to does not change with a reload. Recorded in the history with <paramref name="reason"/>.
    /// </summary>
    /// <returns>How many people the state forgot.</returns>
    public long Reset(string reason, DateTimeOffset atUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        using var transaction = _connection.BeginTransaction();
        var people = Count(transaction, "SELECT COUNT(*) FROM sent_users");
        Run(transaction, "UPDATE runs SET delivery = 'abandoned' WHERE delivery = 'pending'");
        Run(transaction, "DELETE FROM sent_users");
        KeptZips.Prune(_connection, transaction);
        AddHistory(transaction, atUtc, "reset", string.Create(CultureInfo.InvariantCulture, $"forgot {people} people; the next run sends everyone"), reason);
        transaction.Commit();
        return people;
    }

    /// <summary>
    /// Releases <paramref name="value"/> (a primary_id or identifier value) from the person it was delivered for, so
    /// that a run may deliver it for another; null when it was not bound. Recorded in the history.
    /// </summary>
    public IdentityBinding? ReleaseId(string value, string reason, DateTimeOffset atUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        using var transaction = _connection.BeginTransaction();
        IdentityBinding? released = null;
        using (var select = Command(transaction, "SELECT value, kind, person_id FROM bindings WHERE value_key = $k", [("$k", IdentityBinding.KeyOf(value))]))
        using (var reader = select.ExecuteReader())
        {
            if (reader.Read())
                released = new IdentityBinding(reader.GetString(0), reader.GetString(1), reader.GetString(2));
        }

        if (released is not null)
        {
            Run(transaction, "DELETE FROM bindings WHERE value_key = $k", ("$k", IdentityBinding.KeyOf(value)));
            AddHistory(transaction, atUtc, "release-id", $"{released.Kind} '{released.Value}' released from person_id {released.PersonId}", reason);
        }

        transaction.Commit();
        return released;
    }

    /// <summary>The person <paramref name="value"/> is bound to, if any.</summary>
    public IdentityBinding? BindingOf(string value)
    {
        using var select = Command(null, "SELECT value, kind, person_id FROM bindings WHERE value_key = $k", [("$k", IdentityBinding.KeyOf(value))]);
        using var reader = select.ExecuteReader();
        return reader.Read() ? new IdentityBinding(reader.GetString(0), reader.GetString(1), reader.GetString(2)) : null;
    }

    /// <summary>What was done to the state by hand, newest first.</summary>
    public IReadOnlyList<StateHistoryEntry> History(int count)
    {
        using var select = Command(null, "SELECT at_utc, action, detail, reason FROM history ORDER BY id DESC LIMIT $n", [("$n", count)]);
        using var reader = select.ExecuteReader();
        var entries = new List<StateHistoryEntry>();
        while (reader.Read())
        {
            entries.Add(new StateHistoryEntry(DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return entries;
    }

    private void AddHistory(Microsoft.Data.Sqlite.SqliteTransaction transaction, DateTimeOffset atUtc, string action, string detail, string reason) =>
        Run(transaction, "INSERT INTO history (at_utc, action, detail, reason) VALUES ($at, $action, $detail, $reason)",
            ("$at", atUtc.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)), ("$action", action), ("$detail", detail), ("$reason", reason.Trim()));
}
