using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using AlmaIntegrationKit.Sources;
using Microsoft.Win32.SafeHandles;

namespace AlmaIntegrationKit.Export;

/// <summary>
/// The rows that wait in the second pass for a better row of their person further on in the source
/// (<see cref="MergeDecision{TUser}"/>), kept in a temporary file rather than in memory: in an extract sorted by patron
/// type, every student who is also staff waits for the staff row. A row is written as it was read and read back as an
/// equal <see cref="PatronRow"/>, then decided as if it were read then.
/// </summary>
/// <remarks>
/// The row is kept rather than its decision, so that it is decided (mapped, validated, its values claimed in the feed)
/// only once it is known to be needed and in the order of the rows that are written: a row that ends up merged claims
/// nothing. The file is a <see cref="TemporaryDataFile"/>.
/// </remarks>
internal sealed class WaitingRows : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly List<SourceColumns?> _columns = [];
    private readonly ArrayBufferWriter<byte> _entry = new(1024);
    private readonly PatronRowBuilder _builder = new();
    private readonly byte[] _pending = new byte[64 * 1024]; // rows not yet written to the file, most of them taken soon
    private int _pendingLength;
    private byte[] _read = new byte[1024];
    private long _written;

    /// <summary>An empty file in <paramref name="directory"/> (the system's temporary folder by default).</summary>
    public WaitingRows(string? directory = null)
    {
        _file = TemporaryDataFile.Create(directory, "waiting", out _);
    }

    /// <summary>Rows kept so far.</summary>
    public long Count { get; private set; }

    /// <summary>Writes <paramref name="row"/> at the end of the file; returns where, for <see cref="Take"/>.</summary>
    public long Keep(PatronRow row)
    {
        _entry.ResetWrittenCount();
        WriteInt(0); // the length, filled in below
        WriteText(row.Position.SourceName);
        WriteInt((int)row.Position.Kind);
        BinaryPrimitives.WriteInt64LittleEndian(_entry.GetSpan(8), row.Position.Number);
        _entry.Advance(8);
        var columns = _columns.IndexOf(row.Columns);
        if (columns < 0)
        {
            _columns.Add(row.Columns);
            columns = _columns.Count - 1;
        }

        WriteInt(columns);
        WriteText(row.OtherValuesPacked);
        for (var ordinal = 0; ordinal < PatronColumns.All.Count; ordinal++)
            WriteText(row.CanonicalText(ordinal));

        var entry = MemoryMarshal.AsMemory(_entry.WrittenMemory).Span;
        BinaryPrimitives.WriteInt32LittleEndian(entry, entry.Length);
        if (_pendingLength + entry.Length > _pending.Length)
            Flush();
        var at = _written + _pendingLength;
        if (entry.Length > _pending.Length)
        {
            RandomAccess.Write(_file, entry, _written);
            _written += entry.Length;
        }
        else
        {
            entry.CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += entry.Length;
        }

        Count++;
        return at;
    }

    /// <summary>The row kept at <paramref name="at"/>.</summary>
    public PatronRow Take(long at)
    {
        ReadOnlySpan<byte> entry;
        if (at >= _written)
        {
            entry = _pending.AsSpan((int)(at - _written));
            entry = entry[..BinaryPrimitives.ReadInt32LittleEndian(entry)];
        }
        else
        {
            ReadExactly(at, _read.AsSpan(0, sizeof(int)));
            var length = BinaryPrimitives.ReadInt32LittleEndian(_read);
            if (_read.Length < length)
                _read = new byte[length];
            ReadExactly(at, _read.AsSpan(0, length));
            entry = _read.AsSpan(0, length);
        }

        entry = entry[sizeof(int)..];

        var sourceName = ReadText(ref entry)!;
        var kind = (SourcePositionKind)ReadInt(ref entry);
        var number = BinaryPrimitives.ReadInt64LittleEndian(entry);
        entry = entry[8..];
        var columns = _columns[ReadInt(ref entry)];
        var packed = ReadText(ref entry);
        _builder.Clear();
        for (var ordinal = 0; ordinal < PatronColumns.All.Count; ordinal++)
            _builder.SetText(ordinal, ReadText(ref entry));

        var position = new SourcePosition(sourceName, kind, number);
        if (_builder.Build(position) is not PatronRow row)
            throw new IOException($"{position}: the row kept in the temporary file could not be read back.");
        return columns is null && packed is null ? row : row with { Columns = columns, OtherValuesPacked = packed };
    }

    public void Dispose() => _file.Dispose();

    private void Flush()
    {
        RandomAccess.Write(_file, _pending.AsSpan(0, _pendingLength), _written);
        _written += _pendingLength;
        _pendingLength = 0;
    }

    private void WriteInt(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_entry.GetSpan(sizeof(int)), value);
        _entry.Advance(sizeof(int));
    }

    private void WriteText(string? text)
    {
        WriteInt(text?.Length ?? -1);
        if (text is null)
            return;
        var bytes = MemoryMarshal.AsBytes(text.AsSpan());
        bytes.CopyTo(_entry.GetSpan(bytes.Length));
        _entry.Advance(bytes.Length);
    }

    private static int ReadInt(ref ReadOnlySpan<byte> entry)
    {
        var value = BinaryPrimitives.ReadInt32LittleEndian(entry);
        entry = entry[sizeof(int)..];
        return value;
    }

    private static string? ReadText(ref ReadOnlySpan<byte> entry)
    {
        var length = ReadInt(ref entry);
        if (length < 0)
            return null;
        var text = new string(MemoryMarshal.Cast<byte, char>(entry[..(length * sizeof(char))]));
        entry = entry[(length * sizeof(char))..];
        return text;
    }

    private void ReadExactly(long offset, Span<byte> into) => TemporaryDataFile.ReadExactly(_file, offset, into, "of waiting rows");
}
