using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Export;

/// <summary>
/// The first pass over the source: for each person who arrives in several rows, the order in which those rows are
/// tried, best first: the row whose user group has the higher weight, the earlier row on a tie. Rows with an unknown
/// patron type do not compete. Which of them is written is decided in the second pass (<see cref="MergeDecision{TUser}"/>).
/// </summary>
/// <remarks>
/// <para>A source that can scan its keys quickly (<see cref="IPatronKeyScanSource"/>: a plain CSV file) gives only
/// person_id and patron_type per record; any other source, or one that declines, is read in full.</para>
/// <para>Memory does not grow with the feed: while reading, each row becomes a 24-byte entry (a 128-bit hash of the
/// person_id (XXH128) and the row number and rule) in a <see cref="PartitionedSpillFile"/>,
/// partitioned by hash; afterwards each partition (a thousandth of the feed) is read back and decided on its own, and
/// only the rows of people in several rows are kept (a few dozen bytes each). The second pass checks each of them
/// against the person_id it reads, so a hash collision or a source that changed between the reads fails the run loudly
/// instead of merging two people. Reading the source twice is the cost: a source must give the same rows in the same
/// order on each read (an extract query needs an ORDER BY).</para>
/// </remarks>
internal sealed class MergePlan
{
    private readonly MergeCandidate[] _candidates;
    private readonly long[] _candidateNumbers;
    private readonly int[] _candidateAt;
    private readonly List<UserGroupRule> _rules;
    private int _cursor;

    private MergePlan(long rowsRead, long people, List<UserGroupRule> rules, List<MergeCandidate> candidates)
    {
        RowsRead = rowsRead;
        People = people;
        _rules = rules;
        _candidates = [.. candidates];
        _candidateNumbers = _candidates.Select(c => c.Number).ToArray();
        _candidateAt = Enumerable.Range(0, _candidates.Length).ToArray();
        Array.Sort(_candidateNumbers, _candidateAt);
    }

    /// <summary>Records the source gave (rows and rejections).</summary>
    public long RowsRead { get; }

    /// <summary>Distinct person_ids among the rows.</summary>
    public long People { get; }

    /// <summary>The rows of people in several rows: grouped by person, best first (<see cref="MergeCandidate.Rank"/> 0 starts a person).</summary>
    public int Candidates => _candidates.Length;

    /// <summary>The candidate at <paramref name="index"/>.</summary>
    public MergeCandidate this[int index] => _candidates[index];

    /// <summary>The user-group rule of the candidate at <paramref name="index"/>.</summary>
    public UserGroupRule RuleOf(int index) => _rules[_candidates[index].Rule];

    /// <summary>Whether the candidate at <paramref name="index"/> is followed by a worse row of the same person.</summary>
    public bool HasNextOfPerson(int index) => index + 1 < _candidates.Length && _candidates[index + 1].Rank != 0;

    /// <summary>Reads <paramref name="source"/> once and ranks the rows of each person.</summary>
    public static async Task<MergePlan> BuildAsync(IPatronSource source, IUserGroupMap map, CancellationToken cancellationToken)
    {
        if (source is IPatronKeyScanSource scannable)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scan = new Builder(map);
            if (scannable.TryScanKeys(scan))
                return scan.Finish();
        }

        using var builder = new Builder(map);
        await foreach (var record in source.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (record is PatronRow row)
                builder.Row(row.Position.Number, row.PersonId, row.PatronType);
            else
                builder.NotARow(record.Position.Number);
        }

        return builder.Finish();
    }

    /// <summary>Whether the row numbered <paramref name="number"/> is one of several rows of its person, and which candidate.</summary>
    public bool TryGetCandidate(long number, out int index)
    {
        var at = IndexOf(_candidateNumbers, number, ref _cursor);
        index = at < 0 ? -1 : _candidateAt[at];
        return at >= 0;
    }

    /// <summary>Whether a better row of the same person than the row numbered <paramref name="number"/> exists (valid or not).</summary>
    public bool IsOutranked(long number) => TryGetCandidate(number, out var index) && _candidates[index].Rank > 0;

    /// <summary>
    /// The index of <paramref name="number"/> in the sorted <paramref name="numbers"/>, or a negative number: rows come
    /// in increasing order, so the search walks on from where the last one stopped; any other order is looked up.
    /// </summary>
    private static int IndexOf(long[] numbers, long number, ref int cursor)
    {
        if (cursor > 0 && numbers[cursor - 1] >= number)
            return Array.BinarySearch(numbers, number);
        while (cursor < numbers.Length && numbers[cursor] < number)
            cursor++;
        return cursor < numbers.Length && numbers[cursor] == number ? cursor : -1;
    }

    /// <summary>The first pass, record by record: each row to the spill file; then the decisions, partition by partition.</summary>
    private sealed class Builder(IUserGroupMap map) : IPatronKeyVisitor, IDisposable
    {
        private const int MaxCachedPatronTypes = 64;
        private const int EntryBytes = 24;
        private const int PartitionBits = 10;

        private readonly PartitionedSpillFile _rows = new(partitions: 1 << PartitionBits, blockBytes: 4096);
        private readonly List<UserGroupRule> _rules = [];
        private readonly List<(string Text, int Rule)> _patronTypes = [];
        private long _rowsRead;

        public void NotARow(long number) => _rowsRead++;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Row(long number, ReadOnlySpan<char> personId, ReadOnlySpan<char> patronType)
        {
            _rowsRead++;
            var person = PersonKey.Of(personId);
            Span<byte> entry = stackalloc byte[EntryBytes];
            BinaryPrimitives.WriteUInt64LittleEndian(entry, person.First);
            BinaryPrimitives.WriteUInt64LittleEndian(entry[8..], person.Second);
            BinaryPrimitives.WriteInt64LittleEndian(entry[16..], Pack(number, RuleOf(patronType)));
            _rows.Append(PartitionOf(person), entry);
        }

        /// <summary>Ranks the rows of each person in several rows, partition by partition.</summary>
        public MergePlan Finish()
        {
            var candidates = new List<MergeCandidate>();
            var table = new PersonTable();
            var competing = new List<(int Slot, long Number, int Rule)>();
            var buffer = new byte[4096];
            long people = 0;
            for (var partition = 0; partition < _rows.Partitions; partition++)
            {
                var entries = _rows.Read(partition, ref buffer);
                table.Reset(entries.Length / EntryBytes);
                for (var at = entries; !at.IsEmpty; at = at[EntryBytes..])
                {
                    ref var count = ref table.Value(table.Find(KeyAt(at), out _));
                    if (RuleOf(BinaryPrimitives.ReadInt64LittleEndian(at[16..])) >= 0)
                        count++; // rows with an unknown patron type are rejected later and do not compete
                }

                people += table.Count;
                competing.Clear();
                for (var at = entries; !at.IsEmpty; at = at[EntryBytes..])
                {
                    var packed = BinaryPrimitives.ReadInt64LittleEndian(at[16..]);
                    var slot = table.Find(KeyAt(at), out _);
                    if (RuleOf(packed) >= 0 && table.Value(slot) > 1)
                        competing.Add((slot, NumberOf(packed), RuleOf(packed)));
                }

                competing.Sort((a, b) => a.Slot != b.Slot ? a.Slot.CompareTo(b.Slot)
                    : _rules[a.Rule].Weight != _rules[b.Rule].Weight ? _rules[b.Rule].Weight.CompareTo(_rules[a.Rule].Weight)
                    : a.Number.CompareTo(b.Number));
                long latestBetter = 0;
                for (var i = 0; i < competing.Count; i++)
                {
                    var (slot, number, rule) = competing[i];
                    var rank = i == 0 || competing[i - 1].Slot != slot ? 0 : candidates[^1].Rank + 1;
                    if (rank == 0)
                        latestBetter = 0;
                    if (rank > short.MaxValue)
                        throw new InvalidOperationException($"A person_id has more than {short.MaxValue} rows (row {number}).");
                    candidates.Add(new MergeCandidate(number, table.Key(slot), (short)rule, (short)rank, WaitsForBetterRow: latestBetter > number));
                    latestBetter = Math.Max(latestBetter, number);
                }
            }

            return new MergePlan(_rowsRead, people, _rules, candidates);
        }

        private static PersonKey KeyAt(ReadOnlySpan<byte> entry) =>
            new(BinaryPrimitives.ReadUInt64LittleEndian(entry), BinaryPrimitives.ReadUInt64LittleEndian(entry[8..]));

        public void Dispose() => _rows.Dispose();

        private static int PartitionOf(PersonKey person) => (int)(person.First >> (64 - PartitionBits)); // the table within a partition uses the low bits

        private static long Pack(long number, int rule) => (number << 16) | (long)(rule + 1);

        private static long NumberOf(long packed) => packed >> 16;

        private static int RuleOf(long packed) => (int)(packed & 0xFFFF) - 1;

        /// <summary>The index in <see cref="_rules"/> of the rule of <paramref name="patronType"/>, or -1 when it has none.</summary>
        private int RuleOf(ReadOnlySpan<char> patronType)
        {
            foreach (var (text, cached) in _patronTypes)
            {
                if (patronType.SequenceEqual(text))
                    return cached;
            }

            var type = patronType.ToString();
            var index = -1;
            if (map.TryGetBySisCode(type, out var rule))
            {
                index = _rules.FindIndex(r => ReferenceEquals(r, rule));
                if (index < 0)
                {
                    if (_rules.Count >= 0x7FFE)
                        throw new InvalidOperationException("The user-group map gave more than 32,766 distinct rules.");
                    _rules.Add(rule);
                    index = _rules.Count - 1;
                }
            }

            if (_patronTypes.Count < MaxCachedPatronTypes)
                _patronTypes.Add((type, index));
            return index;
        }
    }

    /// <summary>An open-addressing table from a person's key to one long, reused for each partition.</summary>
    private sealed class PersonTable
    {
        private PersonKey[] _keys = new PersonKey[16];
        private long[] _values = new long[16];
        private bool[] _used = new bool[16];

        public int Count { get; private set; }

        /// <summary>Empties the table and makes room for <paramref name="capacity"/> keys at a load of at most one half.</summary>
        public void Reset(int capacity)
        {
            var size = 16;
            while (size < capacity * 2L && size < Array.MaxLength / 2)
                size *= 2;
            if (size > _keys.Length)
            {
                _keys = new PersonKey[size];
                _values = new long[size];
                _used = new bool[size];
            }
            else
            {
                Array.Clear(_used);
            }

            Count = 0;
        }

        /// <summary>The index of <paramref name="person"/>; a new entry (value 0) when <paramref name="found"/> is false.</summary>
        public int Find(PersonKey person, out bool found)
        {
            var mask = _keys.Length - 1;
            var i = (int)person.First & mask;
            while (_used[i])
            {
                if (_keys[i] == person)
                {
                    found = true;
                    return i;
                }

                i = (i + 1) & mask;
            }

            _used[i] = true;
            _keys[i] = person;
            _values[i] = 0;
            Count++;
            found = false;
            return i;
        }

        public ref long Value(int index) => ref _values[index];

        public PersonKey Key(int index) => _keys[index];
    }
}

/// <summary>A person_id as the 128-bit hash of its exact text: equal keys are the same person_id in practice.</summary>
internal readonly record struct PersonKey(ulong First, ulong Second) : IComparable<PersonKey>
{
    /// <summary>The key of <paramref name="personId"/>: the XXH128 of its UTF-16 text (the hash of <see cref="Packaging.UserFingerprint"/>).</summary>
    public static PersonKey Of(ReadOnlySpan<char> personId)
    {
        var hash = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(personId));
        return new PersonKey((ulong)(hash >> 64), (ulong)hash);
    }

    /// <summary>Whether <paramref name="personId"/> has this key.</summary>
    public bool Holds(ReadOnlySpan<char> personId) => Of(personId) == this;

    /// <summary>An order of keys (by their bits), for sorted sets of people.</summary>
    public int CompareTo(PersonKey other) => First != other.First ? First.CompareTo(other.First) : Second.CompareTo(other.Second);
}

/// <summary>
/// One of several rows of a person: its row number, the person (as a key), its user-group rule (an index into the
/// plan's rules), its rank among the person's rows (0 is the best) and whether a better row of the person comes later
/// in the source (then it waits for that row in the second pass).
/// </summary>
internal readonly record struct MergeCandidate(long Number, PersonKey Person, short Rule, short Rank, bool WaitsForBetterRow);
