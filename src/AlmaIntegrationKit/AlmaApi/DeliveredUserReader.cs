using System.Globalization;
using System.Text;
using System.Xml.Linq;
using AlmaIntegrationKit.State;
using Microsoft.Data.Sqlite;

namespace AlmaIntegrationKit.AlmaApi;

/// <summary>
/// Reads what was last delivered per person from the state file's <c>sent_users</c> table, read-only, for
/// <c>verify-users</c>: primary_id, Match ID and user group, and from the delivered record itself its status, expiry and
/// purge dates, identifiers and preferred email (null, and so not compared, for a person whose record the state does
/// not hold: one known from before records were kept, or never delivered yet).
/// </summary>
internal sealed class DeliveredUserReader : IDisposable
{
    private const string Columns =
        "person_id, primary_id, match_id_type, match_id_value, user_group, status, record_run, record_zip, record_entry, record_offset, record_length";

    private readonly SqliteConnection _connection;

    private DeliveredUserReader(SqliteConnection connection) => _connection = connection;

    /// <summary>Opens the state file at <paramref name="statePath"/> for reading (it changes nothing).</summary>
    public static DeliveredUserReader Open(string statePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = statePath,
            Mode = SqliteOpenMode.ReadWrite, // not ReadOnly: a state in WAL mode may need its -shm file made
            Pooling = false,
        }.ToString());
        connection.Open();
        return new DeliveredUserReader(connection);
    }

    /// <summary>How many people the state holds as in Alma now (sent, and not sent as leavers since).</summary>
    public long CountCurrent()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sent_users WHERE left_run IS NULL AND primary_id IS NOT NULL";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary><paramref name="count"/> people picked at random among the current ones.</summary>
    public IReadOnlyList<DeliveredUser> Sample(int count) =>
        Query($"WHERE left_run IS NULL AND primary_id IS NOT NULL ORDER BY random() LIMIT {count.ToString(CultureInfo.InvariantCulture)}", null);

    /// <summary>Every current person.</summary>
    public IReadOnlyList<DeliveredUser> All() => Query("WHERE left_run IS NULL AND primary_id IS NOT NULL ORDER BY person_id", null);

    /// <summary>The person whose person_id or primary_id (ignoring case) is <paramref name="id"/>, or null.</summary>
    public DeliveredUser? Find(string id) =>
        Query("WHERE person_id = $id OR primary_id = $id COLLATE NOCASE ORDER BY person_id = $id DESC LIMIT 1", id).FirstOrDefault();

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private List<DeliveredUser> Query(string tail, string? id)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM sent_users {tail}";
        if (id is not null)
            command.Parameters.AddWithValue("$id", id);
        var rows = new List<(string PersonId, string? PrimaryId, string? MatchIdType, string? MatchIdValue, string? Group, string? Status, KeptRecord? At)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                rows.Add((reader.GetString(0), Text(reader, 1), Text(reader, 2), Text(reader, 3), Text(reader, 4), Text(reader, 5), KeptRecord.Read(reader, 6)));
        }

        var records = KeptZips.Read(_connection, rows.Where(r => r.At is not null).Select(r => r.At!.Value));
        var users = new List<DeliveredUser>();
        foreach (var row in rows)
        {
            var record = row.At is { } at && records.TryGetValue(at, out var bytes) ? XElement.Parse(Encoding.UTF8.GetString(bytes)) : null;
            users.Add(new DeliveredUser(
                row.PersonId,
                row.PrimaryId,
                row.MatchIdType,
                row.MatchIdValue,
                row.Group,
                Status: row.Status,
                ExpiryDate: Date(record?.Element("expiry_date")),
                PurgeDate: Date(record?.Element("purge_date")),
                Identifiers: record?.Element("user_identifiers")?.Elements("user_identifier")
                    .Select(i => new AlmaIdentifier((string?)i.Element("id_type"), (string?)i.Element("value"))).ToList(),
                PreferredEmail: record is null ? null : (string?)record.Element("contact_info")?.Element("emails")?.Elements("email")
                    .FirstOrDefault(e => string.Equals((string?)e.Attribute("preferred") ?? (string?)e.Element("preferred"), "true", StringComparison.OrdinalIgnoreCase))
                    ?.Element("email_address")));
        }

        return users;
    }

    private static DateOnly? Date(XElement? element) =>
        element is null ? null : DateOnly.ParseExact(element.Value.TrimEnd('Z'), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
