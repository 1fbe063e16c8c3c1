using System.IO.Compression;
using Microsoft.Data.Sqlite;

namespace AlmaIntegrationKit.State;

/// <summary>Where a person's record lies in a zip the state keeps: the run, the zip's number in it, and the record's place in one of its XML files.</summary>
/// <param name="Run">The run that wrote the zip (0 for the records of a file upgraded from state version 2).</param>
/// <param name="Zip">The zip's number in the run, from 1 (0 for an upgraded file's records).</param>
/// <param name="Entry">The XML file's index among the zip's entries.</param>
/// <param name="Offset">Where the record starts in the XML file, uncompressed.</param>
/// <param name="Length">The record's length in bytes.</param>
internal readonly record struct KeptRecord(long Run, int Zip, int Entry, long Offset, int Length)
{
    /// <summary>The location in the five columns from <paramref name="ordinal"/> (run, zip, entry, offset, length), or null when they are empty.</summary>
    public static KeptRecord? Read(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) || reader.IsDBNull(ordinal + 1)
            ? null
            : new KeptRecord(reader.GetInt64(ordinal), reader.GetInt32(ordinal + 1), reader.GetInt32(ordinal + 2), reader.GetInt64(ordinal + 3), reader.GetInt32(ordinal + 4));
}

/// <summary>
/// The zips the state keeps (<c>run_zips.bytes</c>): each run's zips as placed, byte for byte what Alma was given, and
/// the records read back out of them (a leaver's last record, the record <c>verify-users</c> compares with).
/// </summary>
internal static class KeptZips
{
    /// <summary>
    /// Adds zip <paramref name="zipNumber"/> of run <paramref name="runId"/> to the run's zips, not yet placed, and keeps
    /// the file at <paramref name="keptFrom"/> as its bytes unless that is null.
    /// </summary>
    public static void Add(SqliteConnection connection, SqliteTransaction transaction, long runId, int zipNumber, string fileName, string? keptFrom)
    {
        using var file = keptFrom is null ? null : File.OpenRead(keptFrom);
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO run_zips (run_id, file_name, zip_no, bytes) VALUES ($run, $name, $zip, CASE WHEN $length < 0 THEN NULL ELSE zeroblob($length) END); SELECT last_insert_rowid();";
        insert.Parameters.AddWithValue("$run", runId);
        insert.Parameters.AddWithValue("$name", fileName);
        insert.Parameters.AddWithValue("$zip", zipNumber);
        insert.Parameters.AddWithValue("$length", file?.Length ?? -1);
        var rowId = (long)insert.ExecuteScalar()!;
        if (file is null)
            return;
        using var blob = new SqliteBlob(connection, "run_zips", "bytes", rowId);
        file.CopyTo(blob, 1 << 20);
    }

    /// <summary>
    /// Empties the kept zips that hold neither a record Alma has nor a newer one on its way (an older record, kept
    /// while the newer one's run is not delivered, is needed no longer once it is); their rows stay, as the list of what
    /// each run placed.
    /// </summary>
    public static void Prune(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE run_zips SET bytes = NULL WHERE bytes IS NOT NULL AND (run_id, zip_no) NOT IN (
                SELECT record_run, record_zip FROM delivered_users WHERE record_zip IS NOT NULL
                UNION SELECT pending_run, pending_zip FROM sent_users WHERE pending_zip IS NOT NULL)
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// <see cref="Prune"/> after run <paramref name="runId"/> wrote or delivered records, which can only have replaced
    /// records in the zips of earlier runs: nothing to look through when no earlier run's zip is kept (a first night).
    /// </summary>
    public static void PruneBefore(SqliteConnection connection, SqliteTransaction transaction, long runId)
    {
        using (var earlier = connection.CreateCommand())
        {
            earlier.Transaction = transaction;
            earlier.CommandText = "SELECT EXISTS (SELECT 1 FROM run_zips WHERE run_id < $run AND bytes IS NOT NULL)";
            earlier.Parameters.AddWithValue("$run", runId);
            if ((long)earlier.ExecuteScalar()! == 0)
                return;
        }

        Prune(connection, transaction);
    }

    /// <summary>
    /// The records at <paramref name="locations"/>, read with one pass over each XML file they lie in; a location whose
    /// zip the state no longer holds is left out.
    /// </summary>
    public static Dictionary<KeptRecord, byte[]> Read(SqliteConnection connection, IEnumerable<KeptRecord> locations)
    {
        var records = new Dictionary<KeptRecord, byte[]>();
        using var find = connection.CreateCommand();
        find.CommandText = "SELECT rowid FROM run_zips WHERE run_id = $run AND zip_no = $zip AND bytes IS NOT NULL";
        var run = find.Parameters.Add("$run", SqliteType.Integer);
        var zipNumber = find.Parameters.Add("$zip", SqliteType.Integer);
        foreach (var inZip in locations.Distinct().GroupBy(l => (l.Run, l.Zip)))
        {
            run.Value = inZip.Key.Run;
            zipNumber.Value = inZip.Key.Zip;
            if (find.ExecuteScalar() is not long rowId)
                continue;
            using var blob = new SqliteBlob(connection, "run_zips", "bytes", rowId, readOnly: true);
            using var archive = new ZipArchive(blob, ZipArchiveMode.Read);
            foreach (var inEntry in inZip.GroupBy(l => l.Entry))
            {
                if (inEntry.Key >= archive.Entries.Count)
                    continue;
                using var entry = archive.Entries[inEntry.Key].Open();
                long position = 0;
                foreach (var location in inEntry.OrderBy(l => l.Offset))
                {
                    Skip(entry, location.Offset - position);
                    var record = new byte[location.Length];
                    entry.ReadExactly(record);
                    records[location] = record;
                    position = location.Offset + location.Length;
                }
            }
        }

        return records;
    }

    private static void Skip(Stream stream, long count)
    {
        Span<byte> discard = stackalloc byte[8192];
        while (count > 0)
        {
            var read = stream.Read(discard[..(int)Math.Min(count, discard.Length)]);
            if (read == 0)
                throw new EndOfStreamException("A kept zip ends before a record the state points to.");
            count -= read;
        }
    }
}
