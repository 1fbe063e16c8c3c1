namespace AlmaIntegrationKit.Export;

/// <summary>
/// Who in the feed already uses a primary_id or identifier value, compared case-insensitively as Alma does: Alma
/// loads the first user with a value and rejects the others, so the later record is rejected here, naming the first.
/// </summary>
/// <remarks>
/// <para>Memory: values are kept as a 64-bit hash of their upper-case form, not as strings, in an open-addressing
/// table (<c>ulong[]</c> hashes beside <c>long[]</c> owners, 16 bytes a slot, load at most 3/4); an owner is the place of
/// its person_id in a character arena (chunks of 64K characters, the text prefixed by its length), written once per
/// person. No object per value or per person: about 25 bytes per value plus 2 bytes per person_id character, so a
/// million people with two or three values each take about 60 MB, and the garbage collector has nothing to trace.</para>
/// <para>Two different values share a hash with a probability of about one in ten million at that size; the record
/// would then be rejected as a duplicate and the reject file says so.</para>
/// </remarks>
internal sealed class FeedIdRegistry
{
    private const int ChunkChars = 1 << 16;

    private ulong[] _hashes;
    private long[] _owners;
    private readonly List<char[]> _chunks = [];
    private int _used = ChunkChars; // characters used in the last chunk

    /// <summary>A registry sized for about <paramref name="expectedValues"/> values, so that it does not regrow on the way.</summary>
    public FeedIdRegistry(int expectedValues)
    {
        var capacity = 16;
        while (capacity < int.MaxValue / 4 && (long)capacity * 3 / 4 < Math.Max(0, expectedValues))
            capacity *= 2;
        _hashes = new ulong[capacity];
        _owners = new long[capacity];
    }

    /// <summary>Values held.</summary>
    public int Count { get; private set; }

    /// <summary>The person_id of another person who holds <paramref name="value"/>, or null.</summary>
    public string? OtherOwner(string value, string personId)
    {
        var slot = Find(Key(value));
        if (_hashes[slot] == 0)
            return null;
        var owner = PersonId(_owners[slot]);
        return owner.SequenceEqual(personId) ? null : owner.ToString();
    }

    /// <summary>Gives <paramref name="value"/> to <paramref name="personId"/> unless someone holds it already.</summary>
    public void Claim(string value, string personId) => Claim(value, Owner(personId));

    /// <summary>The owner handle of <paramref name="personId"/> for <see cref="Claim(string, long)"/>: its text, stored once.</summary>
    public long Owner(string personId)
    {
        var needed = personId.Length + 2;
        if (_used + needed > (_chunks.Count == 0 ? 0 : _chunks[^1].Length))
        {
            _chunks.Add(new char[Math.Max(ChunkChars, needed)]);
            _used = 0;
        }

        var chunk = _chunks[^1];
        var at = _used;
        chunk[at] = (char)(personId.Length >> 16);
        chunk[at + 1] = (char)personId.Length;
        personId.CopyTo(chunk.AsSpan(at + 2));
        _used += needed;
        return ((long)(_chunks.Count - 1) << 32) | (uint)at;
    }

    /// <summary>Gives <paramref name="value"/> to <paramref name="owner"/> (from <see cref="Owner"/>) unless someone holds it already.</summary>
    public void Claim(string value, long owner)
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

    private ReadOnlySpan<char> PersonId(long owner)
    {
        var chunk = _chunks[(int)(owner >> 32)];
        var at = (int)(uint)owner;
        var length = (chunk[at] << 16) | chunk[at + 1];
        return chunk.AsSpan(at + 2, length);
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
        _owners = new long[hashes.Length * 2];
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
