using System.Globalization;
using System.Runtime.CompilerServices;
using AlmaIntegrationKit.Xml;

namespace AlmaIntegrationKit.Sources;

/// <summary>
/// Collects the values of one input record by canonical column, checks them (required values, dates) and
/// turns them into exactly one <see cref="SourceRecord"/>: a <see cref="PatronRow"/> or a <see cref="SourceRejection"/>.
/// Shared by every source, so that a CSV file and a query are held to the same rules.
/// </summary>
internal sealed class PatronRowBuilder
{
    /// <summary>The one date format of text sources.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    // Column ordinals and kinds, looked up once rather than by name on every row.
    private static readonly bool[] IsDateColumn = PatronColumns.All.Select(PatronColumns.IsDate).ToArray();
    private static readonly int[] RequiredOrdinals = PatronColumns.Required.Select(PatronColumns.OrdinalOf).ToArray();
    private static readonly int PersonIdOrdinal = PatronColumns.OrdinalOf(PatronColumns.PersonId);
    private static readonly int LoginIdOrdinal = PatronColumns.OrdinalOf(PatronColumns.LoginId);
    private static readonly int BarcodeOrdinal = PatronColumns.OrdinalOf(PatronColumns.Barcode);
    private static readonly int FirstNameOrdinal = PatronColumns.OrdinalOf(PatronColumns.FirstName);
    private static readonly int MiddleNameOrdinal = PatronColumns.OrdinalOf(PatronColumns.MiddleName);
    private static readonly int LastNameOrdinal = PatronColumns.OrdinalOf(PatronColumns.LastName);
    private static readonly int PreferredFirstNameOrdinal = PatronColumns.OrdinalOf(PatronColumns.PreferredFirstName);
    private static readonly int EmailOrdinal = PatronColumns.OrdinalOf(PatronColumns.Email);
    private static readonly int PhoneOrdinal = PatronColumns.OrdinalOf(PatronColumns.Phone);
    private static readonly int AddressLine1Ordinal = PatronColumns.OrdinalOf(PatronColumns.AddressLine1);
    private static readonly int AddressLine2Ordinal = PatronColumns.OrdinalOf(PatronColumns.AddressLine2);
    private static readonly int CityOrdinal = PatronColumns.OrdinalOf(PatronColumns.City);
    private static readonly int StateOrdinal = PatronColumns.OrdinalOf(PatronColumns.State);
    private static readonly int PostalCodeOrdinal = PatronColumns.OrdinalOf(PatronColumns.PostalCode);
    private static readonly int CountryOrdinal = PatronColumns.OrdinalOf(PatronColumns.Country);
    private static readonly int PatronTypeOrdinal = PatronColumns.OrdinalOf(PatronColumns.PatronType);
    private static readonly int CampusOrdinal = PatronColumns.OrdinalOf(PatronColumns.Campus);
    private static readonly int TermEndDateOrdinal = PatronColumns.OrdinalOf(PatronColumns.TermEndDate);
    private static readonly int BirthDateOrdinal = PatronColumns.OrdinalOf(PatronColumns.BirthDate);
    private static readonly int StatusOrdinal = PatronColumns.OrdinalOf(PatronColumns.Status);
    private static readonly int PreferredMiddleNameOrdinal = PatronColumns.OrdinalOf(PatronColumns.PreferredMiddleName);
    private static readonly int PreferredLastNameOrdinal = PatronColumns.OrdinalOf(PatronColumns.PreferredLastName);
    private static readonly int JobDescriptionOrdinal = PatronColumns.OrdinalOf(PatronColumns.JobDescription);
    private static readonly int PreferredLanguageOrdinal = PatronColumns.OrdinalOf(PatronColumns.PreferredLanguage);
    private static readonly int WorkAddressLine1Ordinal = PatronColumns.OrdinalOf(PatronColumns.WorkAddressLine1);
    private static readonly int WorkAddressLine2Ordinal = PatronColumns.OrdinalOf(PatronColumns.WorkAddressLine2);
    private static readonly int WorkCityOrdinal = PatronColumns.OrdinalOf(PatronColumns.WorkCity);
    private static readonly int WorkStateOrdinal = PatronColumns.OrdinalOf(PatronColumns.WorkState);
    private static readonly int WorkPostalCodeOrdinal = PatronColumns.OrdinalOf(PatronColumns.WorkPostalCode);
    private static readonly int WorkCountryOrdinal = PatronColumns.OrdinalOf(PatronColumns.WorkCountry);
    private static readonly int WorkEmailOrdinal = PatronColumns.OrdinalOf(PatronColumns.WorkEmail);
    private static readonly int WorkPhoneOrdinal = PatronColumns.OrdinalOf(PatronColumns.WorkPhone);
    private static readonly int AdditionalBarcodesOrdinal = PatronColumns.OrdinalOf(PatronColumns.AdditionalBarcodes);
    private static readonly int StatisticalCategoriesOrdinal = PatronColumns.OrdinalOf(PatronColumns.StatisticalCategories);
    private static readonly int NoteOrdinal = PatronColumns.OrdinalOf(PatronColumns.Note);

    private readonly string?[] _text = new string?[PatronColumns.All.Count];
    private readonly DateOnly?[] _dates = new DateOnly?[PatronColumns.All.Count];
    private readonly List<FieldProblem> _problems = [];

    // The values of the source's other columns, packed as PatronRow keeps them: 2 chars per column for where its value
    // ends, then the values. Reused from record to record; one string per row only when the source has such columns.
    private char[] _other;
    private int _otherLength;
    private readonly int _otherSlots;

    /// <summary>A builder for a source without other columns than the canonical ones.</summary>
    public PatronRowBuilder()
        : this(null)
    {
    }

    /// <summary>A builder for a source whose other columns are <paramref name="otherColumns"/> (one table per read).</summary>
    public PatronRowBuilder(SourceColumns? otherColumns)
    {
        OtherColumns = otherColumns is { OtherColumns.Count: > 0 } ? otherColumns : null;
        _otherSlots = OtherColumns?.OtherColumns.Count ?? 0;
        _other = new char[_otherSlots == 0 ? 0 : Math.Max(256, 4 * _otherSlots)];
        _otherLength = 2 * _otherSlots;
    }

    /// <summary>The other columns of the read, or null when it has none.</summary>
    public SourceColumns? OtherColumns { get; }

    /// <summary>Sets the value of other column <paramref name="slot"/>; every slot is set, in order, once per record.</summary>
    public void SetOther(int slot, ReadOnlySpan<char> value)
    {
        var trimmed = value.Trim();
        CheckEncoding(PatronColumns.All.Count + slot, trimmed);
        var end = _otherLength + trimmed.Length;
        if (end > _other.Length)
            Array.Resize(ref _other, Math.Max(end, _other.Length * 2));
        trimmed.CopyTo(_other.AsSpan(_otherLength));
        _otherLength = end;
        _other[2 * slot] = (char)(end & 0xFFFF);
        _other[(2 * slot) + 1] = (char)(end >> 16);
    }

    /// <summary>The packed values of the other columns of this record, or null when the read has none.</summary>
    public string? PackOtherValues() => _otherSlots == 0 ? null : new string(_other, 0, _otherLength);

    /// <summary>Sets the value of a column from text; a date column is parsed as <see cref="DateFormat"/>.</summary>
    public void SetText(int ordinal, string? value)
    {
        CheckEncoding(ordinal, value);
        if (!IsDateColumn[ordinal])
            _text[ordinal] = PatronText.Clean(value);
        else
            SetDateText(ordinal, value);
    }

    /// <summary>Sets the value of a column from text as <see cref="SetText(int, string?)"/> does, without a string for a date or an empty value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SetText(int ordinal, ReadOnlySpan<char> value)
    {
        var trimmed = value.Trim();
        CheckEncoding(ordinal, trimmed);
        if (!IsDateColumn[ordinal])
            _text[ordinal] = trimmed.IsEmpty ? null : new string(trimmed);
        else
            SetDateText(ordinal, trimmed);
    }

    /// <summary>
    /// A value with U+FFFD, the character a decoder puts where the bytes were not valid UTF-8 (a file saved as
    /// Windows-1252 or Latin-1, or cut in the middle of a character), is a problem of its row, never sent.
    /// </summary>
    private void CheckEncoding(int ordinal, ReadOnlySpan<char> value)
    {
        var at = value.IndexOf('\uFFFD');
        if (at >= 0)
        {
            AddProblem(ordinal, SourceRejectionRules.Encoding, string.Create(CultureInfo.InvariantCulture,
                $"{ColumnName(ordinal)} holds bytes that are not valid UTF-8 (at character {at + 1} of the value): the file is probably saved as Windows-1252 or Latin-1. Save or export it as UTF-8; the row is not sent, so that no name in Alma is overwritten with replacement characters."));
        }
    }

    private void SetDateText(int ordinal, ReadOnlySpan<char> value)
    {
        var text = value.Trim();
        if (text.IsEmpty)
            return;
        if (AlmaXmlValues.TryParseIsoDate(text, out var date))
            _dates[ordinal] = date;
        else
            AddProblem(ordinal, SourceRejectionRules.Date, $"{PatronColumns.All[ordinal]} \"{text}\" is not a date in the form {DateFormat}.");
    }

    /// <summary>Sets the value of a date column.</summary>
    public void SetDate(int ordinal, DateOnly? value) => _dates[ordinal] = value;

    /// <summary>Records that the value of a column could not be used.</summary>
    public void AddProblem(int ordinal, string rule, string message) => _problems.Add(new FieldProblem(ordinal, rule, message));

    /// <summary>Records that the value of other column <paramref name="slot"/> could not be used (it is then set empty).</summary>
    public void AddOtherProblem(int slot, string rule, string message)
    {
        SetOther(slot, []);
        _problems.Add(new FieldProblem(PatronColumns.All.Count + slot, rule, message));
    }

    private string ColumnName(int ordinal) =>
        ordinal < PatronColumns.All.Count ? PatronColumns.All[ordinal] : OtherColumns!.OtherColumns[ordinal - PatronColumns.All.Count];

    /// <summary>Forgets the values and problems of the last record, to build the next one.</summary>
    public void Clear()
    {
        Array.Clear(_text);
        Array.Clear(_dates);
        _problems.Clear();
        _otherLength = 2 * _otherSlots;
    }

    /// <summary>The row, or the rejection naming the first problem in canonical column order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SourceRecord Build(SourcePosition position)
    {
        foreach (var ordinal in RequiredOrdinals)
        {
            if (_text[ordinal] is null)
                AddProblem(ordinal, SourceRejectionRules.Required, $"{PatronColumns.All[ordinal]} is empty; every patron needs one.");
        }

        var personId = _text[PersonIdOrdinal];
        if (_problems.Count > 0)
            return Reject(position, personId);

        return new PatronRow
        {
            Position = position,
            PersonId = personId!,
            LoginId = _text[LoginIdOrdinal],
            Barcode = _text[BarcodeOrdinal],
            FirstName = _text[FirstNameOrdinal],
            MiddleName = _text[MiddleNameOrdinal],
            LastName = _text[LastNameOrdinal]!,
            PreferredFirstName = _text[PreferredFirstNameOrdinal],
            Email = _text[EmailOrdinal],
            Phone = _text[PhoneOrdinal],
            AddressLine1 = _text[AddressLine1Ordinal],
            AddressLine2 = _text[AddressLine2Ordinal],
            City = _text[CityOrdinal],
            State = _text[StateOrdinal],
            PostalCode = _text[PostalCodeOrdinal],
            Country = _text[CountryOrdinal],
            PatronType = _text[PatronTypeOrdinal]!,
            Campus = _text[CampusOrdinal],
            TermEndDate = _dates[TermEndDateOrdinal],
            BirthDate = _dates[BirthDateOrdinal],
            Status = _text[StatusOrdinal],
            PreferredMiddleName = _text[PreferredMiddleNameOrdinal],
            PreferredLastName = _text[PreferredLastNameOrdinal],
            JobDescription = _text[JobDescriptionOrdinal],
            PreferredLanguage = _text[PreferredLanguageOrdinal],
            WorkAddressLine1 = _text[WorkAddressLine1Ordinal],
            WorkAddressLine2 = _text[WorkAddressLine2Ordinal],
            WorkCity = _text[WorkCityOrdinal],
            WorkState = _text[WorkStateOrdinal],
            WorkPostalCode = _text[WorkPostalCodeOrdinal],
            WorkCountry = _text[WorkCountryOrdinal],
            WorkEmail = _text[WorkEmailOrdinal],
            WorkPhone = _text[WorkPhoneOrdinal],
            AdditionalBarcodes = _text[AdditionalBarcodesOrdinal],
            StatisticalCategories = _text[StatisticalCategoriesOrdinal],
            Note = _text[NoteOrdinal],
            Columns = OtherColumns,
            OtherValuesPacked = PackOtherValues(),
        };
    }

    private SourceRejection Reject(SourcePosition position, string? personId)
    {
        var ordered = _problems.OrderBy(problem => problem.Ordinal).ToList();
        var first = ordered[0];
        var message = first.Message;
        if (ordered.Count > 1)
        {
            var others = ordered.Skip(1).Select(problem => $"{ColumnName(problem.Ordinal)} ({problem.Rule})");
            message += $" Also: {string.Join(", ", others)}.";
        }

        return new SourceRejection
        {
            Position = position,
            PersonId = personId,
            Field = ColumnName(first.Ordinal),
            Rule = first.Rule,
            Message = message,
        };
    }

    private readonly record struct FieldProblem(int Ordinal, string Rule, string Message);
}
