namespace AlmaIntegrationKit.Sources;

/// <summary>The rules a <see cref="SourceRejection"/> names: short, stable, kebab-case words that reports can group by.</summary>
internal static class SourceRejectionRules
{
    /// <summary>The line could not be parsed as CSV, e.g. a misplaced or unclosed quote.</summary>
    public const string CsvFormat = "csv-format";

    /// <summary>
    /// A field is longer than the most a CSV field may hold (a megabyte of text); the row is skipped and the rejection
    /// names the field and, when it can be read, the person_id.
    /// </summary>
    public const string FieldTooLong = "field-too-long";

    /// <summary>The line has a different number of fields than the header.</summary>
    public const string ColumnCount = "column-count";

    /// <summary>A required value (person_id, last_name, patron_type) is empty.</summary>
    public const string Required = "required";

    /// <summary>A date value is not a date in the form <c>yyyy-MM-dd</c>.</summary>
    public const string Date = "date";

    /// <summary>A database value has a type that cannot be read as the column's value (e.g. binary data).</summary>
    public const string ValueType = "value-type";

    /// <summary>
    /// A value holds bytes that are not valid in the source's encoding (UTF-8), decoded as U+FFFD: sent, it would
    /// overwrite a correct name in Alma with replacement characters.
    /// </summary>
    public const string Encoding = "encoding";
}
