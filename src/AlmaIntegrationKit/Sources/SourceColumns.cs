using AlmaIntegrationKit.Shared;

namespace AlmaIntegrationKit.Sources;

/// <summary>
/// The columns of one read of a source (a CSV header, a query result) that are not canonical patron columns, and
/// which of them the mapper asked for. One table per read, shared by every row of it: a row keeps only its values,
/// packed in one string, so a column nobody reads costs no string of its own and no per-row lookup.
/// </summary>
public sealed class SourceColumns : IEquatable<SourceColumns>
{
    private readonly Dictionary<string, int> _slotByName;
    private readonly bool[] _read;

    internal SourceColumns(string sourceName, IReadOnlyList<string> otherColumns, int[] sourceIndexes)
    {
        SourceName = sourceName;
        OtherColumns = otherColumns;
        SourceIndexes = sourceIndexes;
        _read = new bool[otherColumns.Count];
        _slotByName = new Dictionary<string, int>(otherColumns.Count, StringComparer.OrdinalIgnoreCase);
        for (var slot = 0; slot < otherColumns.Count; slot++)
            _slotByName.TryAdd(otherColumns[slot], slot);
    }

    /// <summary>The source read, as positions show it.</summary>
    public string SourceName { get; }

    /// <summary>The columns that are not canonical, as the source names them (trimmed), in source order.</summary>
    public IReadOnlyList<string> OtherColumns { get; }

    /// <summary>The index in the source record of each of <see cref="OtherColumns"/>.</summary>
    internal int[] SourceIndexes { get; }

    /// <summary>The columns of <see cref="OtherColumns"/> that no row was asked for since the read began.</summary>
    internal IReadOnlyList<string> Unread()
    {
        var unread = new List<string>();
        for (var slot = 0; slot < OtherColumns.Count; slot++)
        {
            if (!_read[slot])
                unread.Add(OtherColumns[slot]);
        }

        return unread;
    }

    /// <summary>
    /// One line for the run's log naming the columns the mapper never read, with the canonical column each one
    /// nearly spells (a typo in a header); null when the mapper read every column.
    /// </summary>
    internal string? DescribeUnread()
    {
        var unread = Unread();
        if (unread.Count == 0)
            return null;
        var described = unread.Select(column => NearMiss.Suggest(column, PatronColumns.All) is { } canonical
            ? $"\"{column}\" (did you mean \"{canonical}\"?)"
            : $"\"{column}\"");
        return $"{SourceName}: the mapper never read the column{(unread.Count == 1 ? "" : "s")} {string.Join(", ", described)}; "
            + "they were not sent. Rename a column that should be canonical, read it in PatronMapper.cs (row[\"name\"]), "
            + "or drop it from the extract.";
    }

    /// <summary>The slot of <paramref name="column"/> in <see cref="OtherColumns"/>, marked read; -1 when the source has no such column.</summary>
    internal int Read(string column)
    {
        if (!_slotByName.TryGetValue(column.Trim(), out var slot))
            return -1;
        _read[slot] = true;
        return slot;
    }

    /// <summary>Whether the source has <paramref name="column"/> among <see cref="OtherColumns"/>.</summary>
    internal bool Has(string column) => _slotByName.ContainsKey(column.Trim());

    /// <summary>The column nearest to <paramref name="column"/>, for a "did you mean".</summary>
    internal string? Suggest(string column) => NearMiss.Suggest(column, OtherColumns.Concat(PatronColumns.All));

    /// <summary>Equal when the columns are the same, so that two reads of one source give equal rows.</summary>
    public bool Equals(SourceColumns? other) =>
        other is not null && OtherColumns.SequenceEqual(other.OtherColumns, StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SourceColumns);

    /// <inheritdoc />
    public override int GetHashCode() => OtherColumns.Count;
}
