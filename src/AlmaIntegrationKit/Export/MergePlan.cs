using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Export;

/// <summary>
/// The first pass over the source: which rows of a person who arrives in several rows lose to the row whose user
/// group has the highest weight (the first such row on a tie). Rows with an unknown patron type do not compete.
/// </summary>
/// <remarks>
/// <para>A CSV file is scanned with <see cref="CsvPatronKeyScanner"/> (person_id and patron_type only, the same record
/// numbers and row verdicts as <see cref="CsvPatronSource"/>); any other source, or a CSV file that needs CsvHelper's
/// recovery from broken quotes, is read in full.</para>
/// <para>Memory: while reading, one slot per distinct person_id in an open-addressing table of a 128-bit hash of the
/// person_id (two independent 64-bit hashes) and the winning row number and rule: 24 bytes a slot, no strings; at most
/// about 50 MB at a million people. Afterwards only the losing rows are kept, which are few. The second pass checks
/// every merge against the person_ids it reads (the loser's and the winner's), so a hash collision or a source that
/// changed between the reads fails the run loudly instead of merging two people. Reading the source twice is the
/// cost: a source must give the same rows in the same order on each read (an extract query needs an ORDER BY).</para>
/// </remarks>
internal sealed class MergePlan
{
    private readonly Dictionary<long, MergeNote> _losers;
    private readonly Dictionary<long, string> _winners;

    private MergePlan(long rowsRead, long people, Dictionary<long, MergeNote> losers, Dictionary<long, string> winners)
    {
        RowsRead = rowsRead;
        People = people;
        _losers = losers;
        _winners = winners;
    }

    /// <summary>Records the source gave (rows and rejections).</summary>
    public long RowsRead { get; }

    /// <summary>Distinct person_ids among the rows.</summary>
    public long People { get; }

    /// <summary>Reads <paramref name="source"/> once and decides the winners.</summary>
    public static async Task<MergePlan> BuildAsync(IPatronSource source, IUserGroupMap map, CancellationToken cancellationToken)
    {
        if (source is CsvPatronSource csv)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var scan = new Builder(map);
            if (CsvPatronKeyScanner.TryScan(csv.FilePath, scan))
                return scan.Finish();
        }

        var builder = new Builder(map);
        await foreach (var record in source.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (record is PatronRow row)
                builder.Row(row.Position.Number, row.PersonId, row.PatronType);
            else
                builder.NotARow(record.Position.Number);
        }

        return builder.Finish();
    }

    /// <summary>Whether the row numbered <paramref name="number"/> loses to another row of its person.</summary>
    public bool TryGetMerge(long number, [NotNullWhen(true)] out MergeNote? note) => _losers.TryGetValue(number, out note);

    /// <summary>The person_id the row numbered <paramref name="number"/> must hold when other rows were merged into it.</summary>
    public bool TryGetWinner(long number, [NotNullWhen(true)] out string? personId) => _winners.TryGetValue(number, out personId);

    private static string Reason(UserGroupRule winner, UserGroupRule loser) =>
        winner.Weight > loser.Weight
            ? $"{winner.AlmaCode} (weight {winner.Weight.ToString(CultureInfo.InvariantCulture)}) outranks {loser.AlmaCode} (weight {loser.Weight.ToString(CultureInfo.InvariantCulture)})"
            : $"{winner.AlmaCode} and {loser.AlmaCode} have the same weight ({winner.Weight.ToString(CultureInfo.InvariantCulture)}): the first row wins";

    /// <summary>The decisions of the first pass, record by record.</summary>
    private sealed class Builder(IUserGroupMap map) : IPatronKeyVisitor
    {
        private const int MaxCachedPatronTypes = 64;

        private readonly PersonTable _best = new();
        private readonly Dictionary<long, (string PersonId, int Rule)> _losers = [];
        private readonly List<UserGroupRule> _rules = [];
        private readonly List<(string Text, int Rule)> _patronTypes = [];
        private long _rows;

        public void NotARow(long number) => _rows++;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Row(long number, ReadOnlySpan<char> personId, ReadOnlySpan<char> patronType)
        {
            _rows++;
            var rule = RuleOf(patronType);
            ref var slot = ref _best.Find(personId, out var found);
            if (!found)
            {
                slot = Pack(number, rule);
                return;
            }

            if (rule < 0)
                return; // rejected later; does not compete
            var currentRule = (int)(slot & 0xFFFF) - 1;
            var currentNumber = slot >> 16;
            if (currentRule < 0 || _rules[rule].Weight > _rules[currentRule].Weight)
            {
                if (currentRule >= 0)
                    _losers[currentNumber] = (personId.ToString(), currentRule);
                slot = Pack(number, rule);
            }
            else
            {
                _losers[number] = (personId.ToString(), rule);
            }
        }

        public MergePlan Finish()
        {
            var notes = new Dictionary<long, MergeNote>(_losers.Count);
            var winners = new Dictionary<long, string>();
            foreach (var (number, (personId, rule)) in _losers)
            {
                var slot = _best.Find(personId, out _);
                var winnerNumber = slot >> 16;
                var winnerRule = _rules[(int)(slot & 0xFFFF) - 1];
                notes.Add(number, new MergeNote(personId, winnerNumber, Reason(winnerRule, _rules[rule])));
                winners[winnerNumber] = personId;
            }

            return new MergePlan(_rows, _best.Count, notes, winners);
        }

        private static long Pack(long number, int rule) => (number << 16) | (long)(rule + 1);

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
                    if (_rules.Count >= 0xFFFE)
                        throw new InvalidOperationException("The user-group map gave more than 65,534 distinct rules.");
                    _rules.Add(rule);
                    index = _rules.Count - 1;
                }
            }

            if (_patronTypes.Count < MaxCachedPatronTypes)
                _patronTypes.Add((type, index));
            return index;
        }
    }

    /// <summary>An open-addressing table from a 128-bit hash of a person_id to one long, without the strings.</summary>
    private sealed class PersonTable
    {
        private ulong[] _first = new ulong[1 << 12];
        private ulong[] _second = new ulong[1 << 12];
        private long[] _values = new long[1 << 12];

        public int Count { get; private set; }

        /// <summary>The value slot of <paramref name="personId"/>; a new one (0) when <paramref name="found"/> is false.</summary>
        public ref long Find(ReadOnlySpan<char> personId, out bool found)
        {
            var (first, second) = Hash(personId);
            if (Count + 1 > (_first.Length >> 2) * 3)
                Grow();
            var mask = _first.Length - 1;
            var i = (int)first & mask;
            while (true)
            {
                if (_first[i] == 0)
                {
                    _first[i] = first;
                    _second[i] = second;
                    Count++;
                    found = false;
                    return ref _values[i];
                }

                if (_first[i] == first && _second[i] == second)
                {
                    found = true;
                    return ref _values[i];
                }

                i = (i + 1) & mask;
            }
        }

        private void Grow()
        {
            var first = _first;
            var second = _second;
            var values = _values;
            _first = new ulong[first.Length * 2];
            _second = new ulong[first.Length * 2];
            _values = new long[first.Length * 2];
            var mask = _first.Length - 1;
            for (var j = 0; j < first.Length; j++)
            {
                if (first[j] == 0)
                    continue;
                var i = (int)first[j] & mask;
                while (_first[i] != 0)
                    i = (i + 1) & mask;
                _first[i] = first[j];
                _second[i] = second[j];
                _values[i] = values[j];
            }
        }

        /// <summary>Two independent 64-bit hashes of the exact text (FNV-1a and a multiply-rotate hash, each with a splitmix finaliser); never 0.</summary>
        private static (ulong First, ulong Second) Hash(ReadOnlySpan<char> text)
        {
            var a = 14695981039346656037UL;
            var b = 0x9E3779B97F4A7C15UL ^ (ulong)text.Length;
            foreach (var c in text)
            {
                a ^= c;
                a *= 1099511628211UL;
                b = ulong.RotateLeft((b ^ c) * 0xC2B2AE3D27D4EB4FUL, 31);
            }

            a = CaseInsensitiveHash.Avalanche(a);
            b = CaseInsensitiveHash.Avalanche(b ^ 0xD6E8FEB86659FD93UL);
            return (a == 0 ? 1 : a, b);
        }
    }
}

/// <summary>A losing row: whose it is, which row it loses to and why.</summary>
internal sealed record MergeNote(string PersonId, long WinnerNumber, string Reason);
