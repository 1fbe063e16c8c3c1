using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Export;

/// <summary>
/// The first pass over the source: which rows of a person who arrives in several rows lose to the row whose user
/// group has the highest weight (the first such row on a tie). Rows with an unknown patron type do not compete.
/// </summary>
/// <remarks>
/// <para>A source that can scan its keys quickly (<see cref="IPatronKeyScanSource"/>: a plain CSV file) gives only
/// person_id and patron_type per record; any other source, or one that declines, is read in full.</para>
/// <para>Memory does not grow with the feed: while reading, each row becomes a 24-byte entry (a 128-bit hash of the
/// person_id (XXH128) and the row number and rule) in a <see cref="PartitionedSpillFile"/>,
/// partitioned by hash; afterwards each partition (a thousandth of the feed) is read back and decided on its own, and
/// only the merges are kept: 32 bytes for each losing row, 24 for each row that won over another. The second pass
/// checks every merge against the person_ids it reads (the loser's and the winner's), so a hash collision or a source
/// that changed between the reads fails the run loudly instead of merging two people. Reading the source twice is
/// the cost: a source must give the same rows in the same order on each read (an extract query needs an ORDER BY).</para>
/// </remarks>
internal sealed class MergePlan
{
    private readonly long[] _loserNumbers;
    private readonly Loser[] _losers;
    private readonly long[] _winnerNumbers;
    private readonly PersonKey[] _winners;
    private readonly List<UserGroupRule> _rules;
    private int _loserCursor;
    private int _winnerCursor;

    private MergePlan(long rowsRead, long people, List<UserGroupRule> rules, List<Loser> losers, List<(long Number, PersonKey Person)> winners)
    {
        RowsRead = rowsRead;
        People = people;
        _rules = rules;
        _losers = [.. losers];
        _loserNumbers = _losers.Select(l => l.Number).ToArray();
        Array.Sort(_loserNumbers, _losers);
        winners.Sort((a, b) => a.Number.CompareTo(b.Number));
        var distinct = winners.Where((w, i) => i == 0 || winners[i - 1].Number != w.Number).ToList();
        _winnerNumbers = distinct.Select(w => w.Number).ToArray();
        _winners = distinct.Select(w => w.Person).ToArray();
    }

    /// <summary>Records the source gave (rows and rejections).</summary>
    public long RowsRead { get; }

    /// <summary>Distinct person_ids among the rows.</summary>
    public long People { get; }

    /// <summary>Reads <paramref name="source"/> once and decides the winners.</summary>
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

    /// <summary>
    /// Whether the row numbered <paramref name="number"/> loses to another row of its person; <paramref name="note"/>
    /// says to which and why, and <see cref="PersonKey.Holds"/> whether the row read now is the row read then.
    /// </summary>
    public bool TryGetMerge(long number, out MergeNote note)
    {
        var at = IndexOf(_loserNumbers, number, ref _loserCursor);
        if (at < 0)
        {
            note = default;
            return false;
        }

        var loser = _losers[at];
        note = new MergeNote(loser.Person, loser.WinnerNumber, Reason(_rules[loser.WinnerRule], _rules[loser.LoserRule]));
        return true;
    }

    /// <summary>Whether other rows were merged into the row numbered <paramref name="number"/>, and whose person_id it held.</summary>
    public bool TryGetWinner(long number, out PersonKey person)
    {
        var at = IndexOf(_winnerNumbers, number, ref _winnerCursor);
        person = at < 0 ? default : _winners[at];
        return at >= 0;
    }

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

    private static string Reason(UserGroupRule winner, UserGroupRule loser) =>
        winner.Weight > loser.Weight
            ? $"{winner.AlmaCode} (weight {winner.Weight.ToString(CultureInfo.InvariantCulture)}) outranks {loser.AlmaCode} (weight {loser.Weight.ToString(CultureInfo.InvariantCulture)})"
            : $"{winner.AlmaCode} and {loser.AlmaCode} have the same weight ({winner.Weight.ToString(CultureInfo.InvariantCulture)}): the first row wins";

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

        /// <summary>Decides each partition: the same decisions, person by person, as reading the rows in order.</summary>
        public MergePlan Finish()
        {
            var losers = new List<Loser>();
            var winners = new List<(long, PersonKey)>();
            var table = new PersonTable();
            var partitionLosers = new List<(long Number, int Rule, int Slot)>();
            var buffer = new byte[4096];
            long people = 0;
            for (var partition = 0; partition < _rows.Partitions; partition++)
            {
                var entries = _rows.Read(partition, ref buffer);
                table.Reset(entries.Length / EntryBytes);
                partitionLosers.Clear();
                for (; !entries.IsEmpty; entries = entries[EntryBytes..])
                {
                    var person = new PersonKey(BinaryPrimitives.ReadUInt64LittleEndian(entries), BinaryPrimitives.ReadUInt64LittleEndian(entries[8..]));
                    var packed = BinaryPrimitives.ReadInt64LittleEndian(entries[16..]);
                    var index = table.Find(person, out var found);
                    ref var best = ref table.Value(index);
                    if (!found)
                    {
                        best = packed;
                        continue;
                    }

                    var rule = RuleOf(packed);
                    if (rule < 0)
                        continue; // rejected later; does not compete
                    var currentRule = RuleOf(best);
                    if (currentRule < 0 || _rules[rule].Weight > _rules[currentRule].Weight)
                    {
                        if (currentRule >= 0)
                            partitionLosers.Add((NumberOf(best), currentRule, index));
                        best = packed;
                    }
                    else
                    {
                        partitionLosers.Add((NumberOf(packed), rule, index));
                    }
                }

                people += table.Count;
                foreach (var (number, rule, index) in partitionLosers)
                {
                    var winner = table.Value(index);
                    var person = table.Key(index);
                    losers.Add(new Loser(number, person, NumberOf(winner), (short)RuleOf(winner), (short)rule));
                    winners.Add((NumberOf(winner), person));
                }
            }

            return new MergePlan(_rowsRead, people, _rules, losers, winners);
        }

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

    /// <summary>A losing row: its person, the row it loses to, and the two rules (indexes into the plan's rules).</summary>
    private readonly record struct Loser(long Number, PersonKey Person, long WinnerNumber, short WinnerRule, short LoserRule);
}

/// <summary>A person_id as the 128-bit hash of its exact text: equal keys are the same person_id in practice.</summary>
internal readonly record struct PersonKey(ulong First, ulong Second)
{
    /// <summary>The key of <paramref name="personId"/>: the XXH128 of its UTF-16 text (the hash of <see cref="Packaging.UserFingerprint"/>).</summary>
    public static PersonKey Of(ReadOnlySpan<char> personId)
    {
        var hash = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(personId));
        return new PersonKey((ulong)(hash >> 64), (ulong)hash);
    }

    /// <summary>Whether <paramref name="personId"/> has this key.</summary>
    public bool Holds(ReadOnlySpan<char> personId) => Of(personId) == this;
}

/// <summary>A losing row: whose it is (as a key), which row it loses to and why.</summary>
internal readonly record struct MergeNote(PersonKey Person, long WinnerNumber, string Reason);
