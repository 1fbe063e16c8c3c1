using System.Globalization;

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

    private readonly string?[] _text = new string?[PatronColumns.All.Count];
    private readonly DateOnly?[] _dates = new DateOnly?[PatronColumns.All.Count];
    private readonly List<FieldProblem> _problems = [];

    /// <summary>Sets the value of a column from text; a date column is parsed as <see cref="DateFormat"/>.</summary>
    public void SetText(int ordinal, string? value)
    {
        var column = PatronColumns.All[ordinal];
        var text = PatronText.Clean(value);
        if (!PatronColumns.IsDate(column))
        {
            _text[ordinal] = text;
            return;
        }

        if (text is null)
            return;
        if (DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            _dates[ordinal] = date;
        else
            AddProblem(ordinal, SourceRejectionRules.Date, $"{column} \"{text}\" is not a date in the form {DateFormat}.");
    }

    /// <summary>Sets the value of a date column.</summary>
    public void SetDate(int ordinal, DateOnly? value) => _dates[ordinal] = value;

    /// <summary>Records that the value of a column could not be used.</summary>
    public void AddProblem(int ordinal, string rule, string message) => _problems.Add(new FieldProblem(ordinal, rule, message));

    /// <summary>The row, or the rejection naming the first problem in canonical column order.</summary>
    public SourceRecord Build(SourcePosition position)
    {
        foreach (var required in PatronColumns.Required)
        {
            var ordinal = PatronColumns.OrdinalOf(required);
            if (_text[ordinal] is null)
                AddProblem(ordinal, SourceRejectionRules.Required, $"{required} is empty; every patron needs one.");
        }

        var personId = _text[PatronColumns.OrdinalOf(PatronColumns.PersonId)];
        if (_problems.Count > 0)
            return Reject(position, personId);

        return new PatronRow
        {
            Position = position,
            PersonId = personId!,
            LoginId = Text(PatronColumns.LoginId),
            Barcode = Text(PatronColumns.Barcode),
            FirstName = Text(PatronColumns.FirstName),
            MiddleName = Text(PatronColumns.MiddleName),
            LastName = Text(PatronColumns.LastName)!,
            PreferredFirstName = Text(PatronColumns.PreferredFirstName),
            Email = Text(PatronColumns.Email),
            Phone = Text(PatronColumns.Phone),
            AddressLine1 = Text(PatronColumns.AddressLine1),
            AddressLine2 = Text(PatronColumns.AddressLine2),
            City = Text(PatronColumns.City),
            State = Text(PatronColumns.State),
            PostalCode = Text(PatronColumns.PostalCode),
            Country = Text(PatronColumns.Country),
            PatronType = Text(PatronColumns.PatronType)!,
            Campus = Text(PatronColumns.Campus),
            TermEndDate = _dates[PatronColumns.OrdinalOf(PatronColumns.TermEndDate)],
            BirthDate = _dates[PatronColumns.OrdinalOf(PatronColumns.BirthDate)],
            Status = Text(PatronColumns.Status),
        };
    }

    private string? Text(string column) => _text[PatronColumns.OrdinalOf(column)];

    private SourceRejection Reject(SourcePosition position, string? personId)
    {
        var ordered = _problems.OrderBy(problem => problem.Ordinal).ToList();
        var first = ordered[0];
        var message = first.Message;
        if (ordered.Count > 1)
        {
            var others = ordered.Skip(1).Select(problem => $"{PatronColumns.All[problem.Ordinal]} ({problem.Rule})");
            message += $" Also: {string.Join(", ", others)}.";
        }

        return new SourceRejection
        {
            Position = position,
            PersonId = personId,
            Field = PatronColumns.All[first.Ordinal],
            Rule = first.Rule,
            Message = message,
        };
    }

    private readonly record struct FieldProblem(int Ordinal, string Rule, string Message);
}
