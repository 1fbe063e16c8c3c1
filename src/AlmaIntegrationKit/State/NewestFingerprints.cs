using System.Buffers.Binary;
using AlmaIntegrationKit.Export;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AlmaIntegrationKit.State;

/// <summary>
/// The fingerprint of every person's newest record (pending, else delivered), read in one pass over the state before
/// a run, so that the run's unchanged-or-not question is a lookup in memory (about 40 bytes a person) and not a query
/// per row on the writing thread. A person whose record the state does not know (new, or known from before records
/// were kept) is not in it.
/// </summary>
internal sealed class NewestFingerprints
{
    private readonly Dictionary<PersonKey, UInt128> _newest;

    private NewestFingerprints(Dictionary<PersonKey, UInt128> newest) => _newest = newest;

    /// <summary>Whether <paramref name="fingerprint"/> is that of the newest record of <paramref name="personId"/>.</summary>
    public bool Holds(string personId, ReadOnlySpan<byte> fingerprint) =>
        fingerprint.Length == 16 && _newest.TryGetValue(PersonKey.Of(personId), out var newest) && newest == BinaryPrimitives.ReadUInt128LittleEndian(fingerprint);

    /// <summary>Whether the state holds a record of <paramref name="personId"/>.</summary>
    public bool Knows(string personId) => _newest.ContainsKey(PersonKey.Of(personId));

    /// <summary>Reads them from the state file open on <paramref name="connection"/>.</summary>
    public static NewestFingerprints Read(SqliteConnection connection)
    {
        var newest = new Dictionary<PersonKey, UInt128>((int)StateSchema.Scalar(connection, "SELECT COUNT(*) FROM sent_users"));
        SqliteException.ThrowExceptionForRC(
            raw.sqlite3_prepare_v2(connection.Handle, "SELECT person_id, COALESCE(pending_fingerprint, fingerprint) FROM sent_users", out var select), connection.Handle);
        using (select)
        {
            int rc;
            while ((rc = raw.sqlite3_step(select)) == raw.SQLITE_ROW)
            {
                var fingerprint = raw.sqlite3_column_blob(select, 1);
                if (fingerprint.Length != 16)
                    continue;
                newest[PersonKey.Of(raw.sqlite3_column_text(select, 0).utf8_to_string())] = BinaryPrimitives.ReadUInt128LittleEndian(fingerprint);
            }

            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        }

        return new NewestFingerprints(newest);
    }
}
