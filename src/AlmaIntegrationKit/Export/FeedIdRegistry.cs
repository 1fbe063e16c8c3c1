using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace AlmaIntegrationKit.Export;

/// <summary>
/// Who in the feed already uses a primary_id or identifier value, compared case-insensitively as Alma does: Alma
/// loads the first user with a value and rejects the others, so the later record is rejected here, naming the first.
/// </summary>
/// <remarks>
/// <para>Memory: values are kept as a 64-bit hash of their upper-case form, not as strings, in an open-addressing
/// table (<c>ulong[]</c> hashes beside <c>int[]</c> owners, 12 bytes a slot, load at most 3/4); an owner is the place of
/// its person_id in a byte arena (chunks of 64 KB), written once per person: one byte a character when the person_id
/// is ASCII (as they nearly always are), its UTF-16 text otherwise, after a length prefix. No object per value or per
/// person: about 16 bytes per value plus about one byte per person_id character, so a million people with three
/// values each take about 60 MB, and the garbage collector has nothing to trace.</para>
/// <para>Two different values share a hash with a probability of about one in ten million at that size; the record
/// would then be rejected as a duplicate and the reject file says so.</para>
/// </remarks>
internal sealed class FeedIdRegistry
{
    private const int ChunkBits = 16;
    private const int ChunkBytes = 1 << ChunkBits;
    private const int MaxChunks = int.MaxValue >> ChunkBits;

    private ulong[] _hashes;
    private int[] _owners;
    private readonly List<byte[]> _chunks = [];
    private int _used = ChunkBytes; // bytes used in the last chunk
    private byte[] _scratch = new byte[256];

    /// <summary>A registry sized for about <paramref name="expectedValues"/> values, so that it does not regrow on the way.</summary>
    public FeedIdRegistry(int expectedValues)
    {
        var capacity = 16;
        while (capacity < int.MaxValue / 4 && (long)capacity * 3 / 4 < Math.Max(0, expectedValues))
            capacity *= 2;
        _hashes = new ulong[capacity];
        _owners = new int[capacity];
    }

    /// <summary>Values held.</summary>
    public int Count { get; private set; }

    /// <summary>The person_id of another person who holds <paramref name="value"/>, or null.</summary>
    public string? OtherOwner(string value, string personId)
    {
        var slot = Find(Key(value));
        if (_hashes[slot] == 0)
            return null;
        var owner = _owners[slot];
        var stored = Stored(owner, out var wide);
        var same = wide
            ? MemoryMarshal.Cast<byte, char>(stored).SequenceEqual(personId)
            : Ascii.Equals(stored, personId);
        if (same)
            return null;
        return wide ? new string(MemoryMarshal.Cast<byte, char>(stored)) : Encoding.ASCII.GetString(stored);
    }

    /// <summary>Gives <paramref name="value"/> to <paramref name="personId"/> unless someone holds it already.</summary>
    public void Claim(string value, string personId) => Claim(value, Owner(personId));

    /// <summary>The owner handle of <paramref name="personId"/> for <see cref="Claim(string, int)"/>: its text, stored once.</summary>
    public int Owner(string personId)
    {
        if (_scratch.Length < personId.Length * 2)
            _scratch = new byte[personId.Length * 2];
        var wide = Ascii.FromUtf16(personId, _scratch, out var length) != OperationStatus.Done;
        if (wide)
        {
            MemoryMarshal.AsBytes(personId.AsSpan()).CopyTo(_scratch);
            length = personId.Length * 2;
        }

        // the length prefix: 7 bits a byte, low bit of the value = wide
        var prefix = ((long)length << 1) | (wide ? 1L : 0L);
        var prefixLength = 1;
        for (var rest = prefix >> 7; rest != 0; rest >>= 7)
            prefixLength++;
        var needed = prefixLength + length;
        if (_used + needed > (_chunks.Count == 0 ? 0 : _chunks[^1].Length))
        {
            if (_chunks.Count >= MaxChunks)
                throw new InvalidOperationException("The person_ids of the feed take more than 2 GB; the uniqueness check cannot hold them.");
            _chunks.Add(new byte[Math.Max(ChunkBytes, needed)]); // a person_id longer than a chunk gets one of its own, at offset 0
            _used = 0;
        }

        var chunk = _chunks[^1];
        var at = _used;
        for (var i = 0; i < prefixLength; i++, prefix >>= 7)
            chunk[at + i] = (byte)((int)(prefix & 0x7F) | (i < prefixLength - 1 ? 0x80 : 0));
        _scratch.AsSpan(0, length).CopyTo(chunk.AsSpan(at + prefixLength));
        _used += needed;
        return ((_chunks.Count - 1) << ChunkBits) | at;
    }

    /// <summary>Gives <paramref name="value"/> to <paramref name="owner"/> (from <see cref="Owner"/>) unless someone holds it already.</summary>
    public void Claim(string value, int owner)
    {
        if ((long)(Count + 1) * 4 > (long)_hashes.Length * 3)
            Grow();
        var key = Key(value);
        var slot = Find(key);
        if (_hashes[slot] != 0)
            return;
        _hashes[slot] = key;
        _owners[slot] = owner;
        Count++;
    }

    /// <summary>The stored person_id bytes of <paramref name="owner"/>: ASCII, or UTF-16 when <paramref name="wide"/>.</summary>
    private ReadOnlySpan<byte> Stored(int owner, out bool wide)
    {
        var chunk = _chunks[owner >> ChunkBits];
        var at = owner & (ChunkBytes - 1);
        long prefix = 0;
        var shift = 0;
        byte b;
        do
        {
            b = chunk[at++];
            prefix |= (long)(b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        wide = (prefix & 1) != 0;
        return chunk.AsSpan(at, (int)(prefix >> 1));
    }

    private static ulong Key(string value)
    {
        var hash = CaseInsensitiveHash.Of(value);
        return hash == 0 ? 1 : hash; // 0 marks an empty slot
    }

    /// <summary>The slot holding <paramref name="key"/>, or the empty slot where it would go.</summary>
    private int Find(ulong key)
    {
        var mask = _hashes.Length - 1;
        var slot = (int)(key >> 32) & mask;
        while (_hashes[slot] != 0 && _hashes[slot] != key)
            slot = (slot + 1) & mask;
        return slot;
    }

    private void Grow()
    {
        var hashes = _hashes;
        var owners = _owners;
        _hashes = new ulong[hashes.Length * 2];
        _owners = new int[hashes.Length * 2];
        for (var i = 0; i < hashes.Length; i++)
        {
            if (hashes[i] == 0)
                continue;
            var slot = Find(hashes[i]);
            _hashes[slot] = hashes[i];
            _owners[slot] = owners[i];
        }
    }
}
