using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace AlmaIntegrationKit.Export;

/// <summary>
/// Who in the feed already uses a primary_id or identifier value, compared case-insensitively as Alma does: Alma
/// loads the first user with a value and rejects the others, so the later record is rejected here, naming the first.
/// </summary>
/// <remarks>
/// <para>Memory does not grow with the feed. A value is kept as a 64-bit hash of its upper-case form beside its
/// owner's person_id in a <see cref="PartitionedSpillFile"/> (partition by hash); in memory there is only a blocked
/// Bloom filter of the hashes (one 64-byte line a value, 8 bits set in it), of a fixed size: 8 MB, enough for about
/// 2.5 million values (a million people) with one false "maybe" in tens of thousands. A value the filter has never
/// seen is new without touching the file; only a "maybe" (a real duplicate, or the rare false one) reads the value's
/// partition back from the file (the operating system's cache, in practice). Above a million people the filter is
/// sized at 8 bytes a person, so that lookups stay rare.</para>
/// <para>Two different values share a hash with a probability of about one in ten million at that size; the record
/// would then be rejected as a duplicate and the reject file says so.</para>
/// </remarks>
internal sealed class FeedIdRegistry : IDisposable
{
    /// <summary>The filter's size up to a million people; 8 bytes a person above.</summary>
    public const int BaseFilterBytes = 8 << 20;

    private const long MaxFilterBytes = 1L << 30;
    private const int Partitions = 1024;
    private const int BlockBytes = 4096;
    private const int HashBytes = 8;

    private readonly FilterMemory _filter;
    private readonly ulong _filterLines;
    private readonly PartitionedSpillFile _values;
    private byte[] _readBuffer = new byte[BlockBytes];
    private byte[] _entry = new byte[256];

    /// <summary>A registry for a feed of about <paramref name="people"/> people (from the first pass).</summary>
    /// <param name="people">People in the feed.</param>
    /// <param name="baseFilterBytes">The filter's size for a feed of up to a million people (a multiple of 64).</param>
    /// <param name="temporaryDirectory">Where the spill file goes; the system's temporary folder by default.</param>
    public FeedIdRegistry(long people, int baseFilterBytes = BaseFilterBytes, string? temporaryDirectory = null)
    {
        if (baseFilterBytes < 64 || baseFilterBytes % 64 != 0)
            throw new ArgumentOutOfRangeException(nameof(baseFilterBytes), baseFilterBytes, "The filter is made of 64-byte lines.");
        var filterBytes = (long)baseFilterBytes;
        while (filterBytes < people * 8 && filterBytes < MaxFilterBytes)
            filterBytes *= 2;
        _filter = new FilterMemory(filterBytes / sizeof(ulong));
        _filterLines = (ulong)(_filter.Words / 8);
        _values = new PartitionedSpillFile(Partitions, BlockBytes, temporaryDirectory);
    }

    /// <summary>Values held.</summary>
    public long Count { get; private set; }

    /// <summary>Partitions read back from the file because the filter said "maybe" (real duplicates and false alarms).</summary>
    public long Lookups { get; private set; }

    /// <summary>The key of <paramref name="value"/>: equal for values Alma takes for the same (case and surrounding blanks aside).</summary>
    public static ulong KeyOf(string value) => CaseInsensitiveHash.Of(value);

    /// <summary>
    /// Starts loading the filter's line for <paramref name="key"/> into the cache, so that a lookup a little later
    /// (after the user is validated) does not wait for memory: with 8 MB of filter, nearly every first touch is a miss.
    /// </summary>
    public unsafe void Prefetch(ulong key)
    {
        if (Sse.IsSupported)
            Sse.Prefetch0(_filter.AddressOf(LineOf(key)));
    }

    /// <summary>The person_id of another person who holds <paramref name="value"/>, or null.</summary>
    public string? OtherOwner(string value, string personId) => OtherOwner(KeyOf(value), personId);

    /// <summary>The person_id of another person who holds the value of <paramref name="key"/>, or null.</summary>
    public string? OtherOwner(ulong key, string personId)
    {
        if (!MayHold(key) || !TryFind(key, out var stored, out var wide))
            return null;
        var same = wide
            ? MemoryMarshal.Cast<byte, char>(stored).SequenceEqual(personId)
            : Ascii.Equals(stored, personId);
        if (same)
            return null;
        return wide ? new string(MemoryMarshal.Cast<byte, char>(stored)) : Encoding.ASCII.GetString(stored);
    }

    /// <summary>Gives <paramref name="value"/> to <paramref name="personId"/> unless someone holds it already.</summary>
    public void Claim(string value, string personId) => Claim(KeyOf(value), personId);

    /// <summary>Gives the value of <paramref name="key"/> to <paramref name="personId"/> unless someone holds it already.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Claim(ulong key, string personId)
    {
        if (MayHold(key) && TryFind(key, out _, out _))
            return;
        Add(key);
        Count++;

        if (_entry.Length < HashBytes + 5 + personId.Length * 2)
            _entry = new byte[HashBytes + 5 + personId.Length * 2];
        BinaryPrimitives.WriteUInt64LittleEndian(_entry, key);
        var text = _entry.AsSpan(HashBytes + 5);
        var wide = Ascii.FromUtf16(personId, text, out var length) != OperationStatus.Done;
        if (wide)
        {
            MemoryMarshal.AsBytes(personId.AsSpan()).CopyTo(text);
            length = personId.Length * 2;
        }

        // the length prefix: 7 bits a byte, low bit of the value = wide; then the text moves up against it
        var prefix = ((long)length << 1) | (wide ? 1L : 0L);
        var at = HashBytes;
        for (; prefix >= 0x80; prefix >>= 7)
            _entry[at++] = (byte)(prefix | 0x80);
        _entry[at++] = (byte)prefix;
        text[..length].CopyTo(_entry.AsSpan(at));
        _values.Append(PartitionOf(key), _entry.AsSpan(0, at + length));
    }

    public void Dispose()
    {
        _values.Dispose();
        _filter.Dispose();
    }

    /// <summary>Reads back the partition of <paramref name="key"/>: the stored person_id of its first holder, if any.</summary>
    private bool TryFind(ulong key, out ReadOnlySpan<byte> personId, out bool wide)
    {
        Lookups++;
        var entries = _values.Read(PartitionOf(key), ref _readBuffer);
        while (!entries.IsEmpty)
        {
            var hash = BinaryPrimitives.ReadUInt64LittleEndian(entries);
            var at = HashBytes;
            long prefix = 0;
            var shift = 0;
            byte b;
            do
            {
                b = entries[at++];
                prefix |= (long)(b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0);

            var length = (int)(prefix >> 1);
            if (hash == key)
            {
                wide = (prefix & 1) != 0;
                personId = entries.Slice(at, length);
                return true;
            }

            entries = entries[(at + length)..];
        }

        personId = default;
        wide = false;
        return false;
    }

    private static int PartitionOf(ulong key) => (int)(key & (Partitions - 1));

    /// <summary>The eight bit positions of <paramref name="key"/> in its 512-bit line (6 bits each, from a remix of the key).</summary>
    private static ulong Positions(ulong key) => (key * 0x9E3779B97F4A7C15UL) >> 16;

    private long LineOf(ulong key) => (long)(((key >> 32) * _filterLines) >> 32) * 8;

    private bool MayHold(ulong key)
    {
        var line = _filter.Line(LineOf(key));
        var positions = Positions(key);
        for (var i = 0; i < 8; i++, positions >>= 6)
        {
            if ((line[i] & (1UL << (int)(positions & 63))) == 0)
                return false;
        }

        return true;
    }

    private void Add(ulong key)
    {
        var line = _filter.Line(LineOf(key));
        var positions = Positions(key);
        for (var i = 0; i < 8; i++, positions >>= 6)
            line[i] |= 1UL << (int)(positions & 63);
    }
}
