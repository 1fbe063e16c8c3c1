using System.Globalization;
using AlmaIntegrationKit.Xml;

namespace AlmaIntegrationKit.Sources;

/// <summary>The source's columns by name: every column a SIS extract produces reaches the mapper, canonical or not.</summary>
public sealed partial record PatronRow
{
    // The values of the source's other columns, packed in one string: for each of the n columns two chars hold where
    // its value ends (low and high 16 bits), then the values follow one after the other. Null when there are none.
    private readonly string? _otherValues;

    /// <summary>The table of the read this row came from; null for a row built by hand without other columns.</summary>
    internal SourceColumns? Columns { get; init; }

    /// <summary>The packed values of <see cref="Columns"/> (built by <see cref="PatronRowBuilder"/>).</summary>
    internal string? OtherValuesPacked { get => _otherValues; init => _otherValues = value; }

    /// <summary>
    /// The values of the source's columns that are not canonical, by name (trimmed; empty is null). Set it to build a
    /// row with such columns by hand, e.g. in a mapper's tests; reading it does not count as the mapper reading them.
    /// </summary>
    public IReadOnlyDictionary<string, string?> OtherValues
    {
        get
        {
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            if (Columns is { } columns)
            {
                for (var slot = 0; slot < columns.OtherColumns.Count; slot++)
                    values.TryAdd(columns.OtherColumns[slot], ValueAt(slot));
            }

            return values;
        }

        init
        {
            ArgumentNullException.ThrowIfNull(value);
            var names = value.Keys.Select(name => name.Trim()).ToList();
            var builder = new PatronRowBuilder(new SourceColumns("(built by hand)", names, Enumerable.Range(0, names.Count).ToArray()));
            var slot = 0;
            foreach (var text in value.Values)
                builder.SetOther(slot++, text.AsSpan());
            Columns = builder.OtherColumns;
            _otherValues = builder.PackOtherValues();
        }
    }

    /// <summary>
    /// The text of the source column <paramref name="column"/> (canonical or not, names compared case-insensitively),
    /// trimmed; null when empty. Dates of canonical columns are given as <c>yyyy-MM-dd</c>.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The source has no such column: the message names the row and the
    /// nearest column. Use <see cref="HasColumn(string)"/> for a column only some extracts have.</exception>
    public string? this[string column]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(column);
            var ordinal = PatronColumns.OrdinalOf(column);
            if (ordinal >= 0)
                return CanonicalText(ordinal);
            var slot = Columns?.Read(column) ?? -1;
            if (slot < 0)
                throw NoSuchColumn(column);
            return ValueAt(slot);
        }
    }

    /// <summary>Whether the source has <paramref name="column"/>: always for a canonical column, else when the header or query result named it.</summary>
    public bool HasColumn(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return PatronColumns.OrdinalOf(column) >= 0 || (Columns?.Has(column) ?? false);
    }

    /// <summary>The value of <paramref name="column"/> as a date written <c>yyyy-MM-dd</c>; null when empty.</summary>
    /// <exception cref="FormatException">The value is not such a date; the message names the row, column and value.</exception>
    /// <exception cref="KeyNotFoundException">The source has no such column.</exception>
    public DateOnly? Date(string column)
    {
        var text = this[column];
        if (text is null)
            return null;
        if (AlmaXmlValues.TryParseIsoDate(text, out var date))
            return date;
        throw new FormatException($"{Position}: {column.Trim()} \"{text}\" is not a date in the form {PatronRowBuilder.DateFormat}.");
    }

    /// <summary>The values of <paramref name="column"/> separated by <c>|</c>, each trimmed, empty ones left out.</summary>
    /// <exception cref="KeyNotFoundException">The source has no such column.</exception>
    public IReadOnlyList<string> List(string column) => SplitList(this[column]);

    /// <summary>The values of a list separated by <c>|</c>, each trimmed, empty ones left out.</summary>
    internal static IReadOnlyList<string> SplitList(string? text) =>
        text is null ? [] : text.Split(PatronColumns.ListSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private string? ValueAt(int slot)
    {
        var packed = _otherValues!;
        var start = slot == 0 ? 2 * Columns!.OtherColumns.Count : EndOf(packed, slot - 1);
        var end = EndOf(packed, slot);
        return end == start ? null : packed[start..end];
    }

    private static int EndOf(string packed, int slot) => packed[2 * slot] | (packed[(2 * slot) + 1] << 16);

    private KeyNotFoundException NoSuchColumn(string column)
    {
        var suggestion = Columns?.Suggest(column.Trim());
        var others = Columns is { OtherColumns.Count: > 0 } columns ? string.Join(", ", columns.OtherColumns) : "none";
        return new KeyNotFoundException(
            $"{Position}: the source has no column \"{column.Trim()}\"{(suggestion is null ? "" : $" (did you mean \"{suggestion}\"?)")}; "
            + $"its columns besides the canonical ones: {others}. Add it to the extract, or use row.HasColumn(\"{column.Trim()}\") "
            + "for a column only some extracts have.");
    }

    /// <summary>The text of the canonical column at <paramref name="ordinal"/> in <see cref="PatronColumns.All"/>; dates as <c>yyyy-MM-dd</c>.</summary>
    internal string? CanonicalText(int ordinal) => PatronColumns.All[ordinal] switch
    {
        PatronColumns.PersonId => PersonId,
        PatronColumns.LoginId => LoginId,
        PatronColumns.Barcode => Barcode,
        PatronColumns.FirstName => FirstName,
        PatronColumns.MiddleName => MiddleName,
        PatronColumns.LastName => LastName,
        PatronColumns.PreferredFirstName => PreferredFirstName,
        PatronColumns.Email => Email,
        PatronColumns.Phone => Phone,
        PatronColumns.AddressLine1 => AddressLine1,
        PatronColumns.AddressLine2 => AddressLine2,
        PatronColumns.City => City,
        PatronColumns.State => State,
        PatronColumns.PostalCode => PostalCode,
        PatronColumns.Country => Country,
        PatronColumns.PatronType => PatronType,
        PatronColumns.Campus => Campus,
        PatronColumns.TermEndDate => TermEndDate?.ToString(PatronRowBuilder.DateFormat, CultureInfo.InvariantCulture),
        PatronColumns.BirthDate => BirthDate?.ToString(PatronRowBuilder.DateFormat, CultureInfo.InvariantCulture),
        PatronColumns.Status => Status,
        PatronColumns.PreferredMiddleName => PreferredMiddleName,
        PatronColumns.PreferredLastName => PreferredLastName,
        PatronColumns.JobDescription => JobDescription,
        PatronColumns.PreferredLanguage => PreferredLanguage,
        PatronColumns.WorkAddressLine1 => WorkAddressLine1,
        PatronColumns.WorkAddressLine2 => WorkAddressLine2,
        PatronColumns.WorkCity => WorkCity,
        PatronColumns.WorkState => WorkState,
        PatronColumns.WorkPostalCode => WorkPostalCode,
        PatronColumns.WorkCountry => WorkCountry,
        PatronColumns.WorkEmail => WorkEmail,
        PatronColumns.WorkPhone => WorkPhone,
        PatronColumns.AdditionalBarcodes => AdditionalBarcodes,
        PatronColumns.StatisticalCategories => StatisticalCategories,
        PatronColumns.Note => Note,
        _ => throw new InvalidOperationException($"The canonical column {PatronColumns.All[ordinal]} has no property."),
    };
}
