using AlmaIntegrationKit.Shared;

namespace AlmaIntegrationKit.Sources;

/// <summary>
/// Which column of a source (a CSV header, a query result) holds each canonical column. Names are compared
/// case-insensitively after trimming; optional columns may be absent; the columns that are not canonical are the read's
/// <see cref="SourceColumns"/>, which the mapper reads by name.
/// </summary>
internal sealed class CanonicalColumnMap
{
    private readonly int[] _sourceIndexByOrdinal;

    private CanonicalColumnMap(int[] sourceIndexByOrdinal, SourceColumns otherColumns)
    {
        _sourceIndexByOrdinal = sourceIndexByOrdinal;
        OtherColumns = otherColumns;
    }

    /// <summary>The columns that are not canonical (one table per read: it records which ones the mapper reads).</summary>
    public SourceColumns OtherColumns { get; }

    /// <summary>The index of the source column that holds canonical column <paramref name="ordinal"/>, or -1 when absent.</summary>
    public int SourceIndexOf(int ordinal) => _sourceIndexByOrdinal[ordinal];

    /// <summary>The index of the source column that holds <paramref name="column"/>, or -1 when absent.</summary>
    public int SourceIndexOf(string column) => _sourceIndexByOrdinal[PatronColumns.OrdinalOf(column)];

    /// <summary>The name of the source column at <paramref name="sourceIndex"/>: canonical, other, or its number when it has no name.</summary>
    public string NameAt(int sourceIndex)
    {
        var ordinal = Array.IndexOf(_sourceIndexByOrdinal, sourceIndex);
        if (ordinal >= 0)
            return PatronColumns.All[ordinal];
        var slot = Array.IndexOf(OtherColumns.SourceIndexes, sourceIndex);
        return slot >= 0 ? OtherColumns.OtherColumns[slot] : $"column {sourceIndex + 1}";
    }

    /// <summary>Maps the source's column names, or explains which required column is missing or which one is doubled.</summary>
    /// <param name="names">The source's column names, in source order.</param>
    /// <param name="sourceName">The file or query file, for messages.</param>
    /// <param name="describeSource">What the names are, for messages, e.g. "the header row" or "the query result".</param>
    /// <param name="howToFix">A hint appended to the message for a missing column.</param>
    public static CanonicalColumnMap Create(IReadOnlyList<string> names, string sourceName, string describeSource, string howToFix)
    {
        var indexes = Enumerable.Repeat(-1, PatronColumns.All.Count).ToArray();
        var unknown = new List<string>();
        var unknownIndexes = new List<int>();
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i].Trim();
            var ordinal = PatronColumns.OrdinalOf(name);
            if (ordinal < 0)
            {
                if (name.Length > 0)
                {
                    unknown.Add(name);
                    unknownIndexes.Add(i);
                }

                continue;
            }

            if (indexes[ordinal] >= 0)
            {
                throw new SourceConfigurationException(sourceName, PatronColumns.All[ordinal],
                    $"{sourceName}: {describeSource} has the column \"{PatronColumns.All[ordinal]}\" twice "
                    + $"(columns {indexes[ordinal] + 1} and {i + 1}); keep one of them.");
            }

            indexes[ordinal] = i;
        }

        var missing = PatronColumns.Required.Where(column => indexes[PatronColumns.OrdinalOf(column)] < 0).ToList();
        if (missing.Count > 0)
            throw MissingColumns(missing, unknown, names, sourceName, describeSource, howToFix);

        return new CanonicalColumnMap(indexes, new SourceColumns(sourceName, unknown, [.. unknownIndexes]));
    }

    private static SourceConfigurationException MissingColumns(
        List<string> missing, List<string> unknown, IReadOnlyList<string> names, string sourceName, string describeSource, string howToFix)
    {
        var parts = missing.Select(column =>
        {
            var suggestion = NearMiss.Suggest(column, unknown);
            return suggestion is null ? $"\"{column}\"" : $"\"{column}\" (did you mean \"{suggestion}\"?)";
        });
        var what = missing.Count == 1 ? "the required column" : "the required columns";
        var found = names.Count == 0 ? "none" : string.Join(", ", names.Select(name => name.Trim()));
        var message = $"{sourceName}: {describeSource} is missing {what} {string.Join(", ", parts)}. "
            + $"{howToFix} Columns found: {found}. Required: {string.Join(", ", PatronColumns.Required)}.";
        return new SourceConfigurationException(sourceName, missing[0], message);
    }
}
