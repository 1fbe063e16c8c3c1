using System.Data.Common;
using System.Globalization;

namespace AlmaIntegrationKit.Sources;

/// <summary>
/// Reads the values of a query result into a <see cref="PatronRowBuilder"/>: text columns from any scalar type
/// (invariant culture), date columns from <see cref="DateTime"/>, <see cref="DateOnly"/>,
/// <see cref="DateTimeOffset"/> or <c>yyyy-MM-dd</c> text.
/// </summary>
internal static class DatabaseValues
{
    /// <summary>Sets canonical column <paramref name="ordinal"/> from column <paramref name="index"/> of the current row.</summary>
    public static void Read(DbDataReader reader, int index, int ordinal, PatronRowBuilder builder)
    {
        var column = PatronColumns.All[ordinal];
        object value;
        try
        {
            if (reader.IsDBNull(index))
                return;
            value = reader.GetValue(index);
        }
        catch (Exception exception) when (exception is InvalidCastException or OverflowException or FormatException)
        {
            builder.AddProblem(ordinal, SourceRejectionRules.ValueType, $"{column} could not be read: {exception.Message}");
            return;
        }

        if (PatronColumns.IsDate(column))
            ReadDate(value, ordinal, column, builder);
        else
            ReadText(value, ordinal, column, builder);
    }

    /// <summary>Sets other column <paramref name="slot"/> from column <paramref name="index"/> of the current row, as text.</summary>
    public static void ReadOther(DbDataReader reader, int index, int slot, PatronRowBuilder builder)
    {
        var column = builder.OtherColumns!.OtherColumns[slot];
        object value;
        try
        {
            if (reader.IsDBNull(index))
            {
                builder.SetOther(slot, []);
                return;
            }

            value = reader.GetValue(index);
        }
        catch (Exception exception) when (exception is InvalidCastException or OverflowException or FormatException)
        {
            builder.AddOtherProblem(slot, SourceRejectionRules.ValueType, $"{column} could not be read: {exception.Message}");
            return;
        }

        switch (value)
        {
            case byte[]:
                builder.AddOtherProblem(slot, SourceRejectionRules.ValueType,
                    $"{column} is a {value.GetType().Name}, which is not text; cast it to text in the query.");
                break;
            case bool flag:
                builder.SetOther(slot, flag ? "true" : "false");
                break;
            case string text:
                builder.SetOther(slot, text);
                break;
            default:
                builder.SetOther(slot, AsText(value));
                break;
        }
    }

    /// <summary>A scalar as text: dates as <c>yyyy-MM-dd</c> (or round-trip with a time), numbers in invariant culture.</summary>
    private static string AsText(object value) => value switch
    {
        DateTime dateTime => dateTime.TimeOfDay == TimeSpan.Zero
            ? dateTime.ToString(PatronRowBuilder.DateFormat, CultureInfo.InvariantCulture)
            : dateTime.ToString("O", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString(PatronRowBuilder.DateFormat, CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static void ReadDate(object value, int ordinal, string column, PatronRowBuilder builder)
    {
        switch (value)
        {
            case DateOnly date:
                builder.SetDate(ordinal, date);
                break;
            case DateTime dateTime:
                builder.SetDate(ordinal, DateOnly.FromDateTime(dateTime));
                break;
            case DateTimeOffset dateTimeOffset:
                builder.SetDate(ordinal, DateOnly.FromDateTime(dateTimeOffset.DateTime));
                break;
            case string text:
                builder.SetText(ordinal, text);
                break;
            default:
                builder.AddProblem(ordinal, SourceRejectionRules.Date,
                    $"{column} is a {value.GetType().Name} ({Describe(value)}), not a date; "
                    + $"return a date, or text in the form {PatronRowBuilder.DateFormat}.");
                break;
        }
    }

    private static void ReadText(object value, int ordinal, string column, PatronRowBuilder builder)
    {
        switch (value)
        {
            case string text:
                builder.SetText(ordinal, text);
                break;
            case char character:
                builder.SetText(ordinal, character.ToString());
                break;
            case DateTime dateTime:
                builder.SetText(ordinal, dateTime.TimeOfDay == TimeSpan.Zero
                    ? dateTime.ToString(PatronRowBuilder.DateFormat, CultureInfo.InvariantCulture)
                    : dateTime.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateOnly date:
                builder.SetText(ordinal, date.ToString(PatronRowBuilder.DateFormat, CultureInfo.InvariantCulture));
                break;
            case bool or byte[]:
                builder.AddProblem(ordinal, SourceRejectionRules.ValueType,
                    $"{column} is a {value.GetType().Name}, which is not text; cast it to text in the query.");
                break;
            case IFormattable formattable:
                builder.SetText(ordinal, formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                builder.SetText(ordinal, Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static string Describe(object value) =>
        value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value.ToString() ?? "";
}
