using System.Globalization;
using System.Xml;

namespace AlmaIntegrationKit.Xml;

/// <summary>Text forms of the XML Schema types in Alma files, invariant culture, as the generated reader and writer use them.</summary>
public static class AlmaXmlValues
{
    /// <summary>Parses an <c>xs:date</c>: <c>2030-01-16</c>, with an optional time zone (<c>Z</c> or <c>+02:00</c>), which is dropped.</summary>
    public static bool TryParseDate(string text, out DateOnly date)
    {
        var span = text.AsSpan().Trim();
        if (span.Length > 10)
        {
            var zone = span[10..];
            var validZone = zone is "Z"
                || (zone.Length == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':'
                    && TimeOnly.TryParseExact(zone[1..], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var offset)
                    && offset <= new TimeOnly(14, 0));
            if (!validZone)
            {
                date = default;
                return false;
            }

            span = span[..10];
        }

        return TryParseIsoDate(span, out date);
    }

    /// <summary>
    /// Parses a date in the form <c>yyyy-MM-dd</c> exactly as <see cref="DateOnly.TryParseExact(ReadOnlySpan{char}, ReadOnlySpan{char}, IFormatProvider?, DateTimeStyles, out DateOnly)"/>
    /// does with the invariant culture; ten characters of that form (nearly every date) without its general machinery.
    /// </summary>
    internal static bool TryParseIsoDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        if (text.Length == 10 && text[4] == '-' && text[7] == '-'
            && TryDigits(text[..4], out var year) && TryDigits(text.Slice(5, 2), out var month) && TryDigits(text.Slice(8, 2), out var day)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            date = new DateOnly(year, month, day);
            return true;
        }

        // anything else (one-digit months, leading signs or spaces, impossible dates) as the framework decides
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>Writes <paramref name="value"/> as <c>yyyy-MM-dd</c> (ten ASCII bytes) into <paramref name="destination"/>.</summary>
    internal static void FormatIsoDate(DateOnly value, Span<byte> destination)
    {
        var (year, month, day) = value;
        destination = destination[..10];
        destination[0] = (byte)('0' + year / 1000);
        destination[1] = (byte)('0' + year / 100 % 10);
        destination[2] = (byte)('0' + year / 10 % 10);
        destination[3] = (byte)('0' + year % 10);
        destination[4] = (byte)'-';
        destination[5] = (byte)('0' + month / 10);
        destination[6] = (byte)('0' + month % 10);
        destination[7] = (byte)'-';
        destination[8] = (byte)('0' + day / 10);
        destination[9] = (byte)('0' + day % 10);
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
                return false;
            value = value * 10 + (c - '0');
        }

        return true;
    }

    /// <summary>Parses an <c>xs:dateTime</c> such as <c>2024-05-01T10:00:00Z</c>; without a zone it is taken as UTC.</summary>
    public static bool TryParseDateTime(string text, out DateTimeOffset value) => TryConvert(text, XmlConvert.ToDateTimeOffset, out value);

    /// <summary>Parses an <c>xs:boolean</c>: <c>true</c>, <c>false</c>, <c>1</c> or <c>0</c>.</summary>
    public static bool TryParseBoolean(string text, out bool value)
    {
        switch (text.Trim())
        {
            case "true" or "1": value = true; return true;
            case "false" or "0": value = false; return true;
            default: value = false; return false;
        }
    }

    /// <summary>Parses an <c>xs:int</c>.</summary>
    public static bool TryParseInt32(string text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses an <c>xs:long</c>.</summary>
    public static bool TryParseInt64(string text, out long value) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses an <c>xs:float</c>, including <c>INF</c>, <c>-INF</c> and <c>NaN</c>.</summary>
    public static bool TryParseSingle(string text, out float value) => TryConvert(text, XmlConvert.ToSingle, out value);

    /// <summary>Formats an <c>xs:dateTime</c> in UTC with a trailing <c>Z</c>.</summary>
    internal static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>Formats an <c>xs:float</c> the way XML Schema reads it back.</summary>
    internal static string FormatSingle(float value) => XmlConvert.ToString(value);

    /// <summary>Parses an <c>xs:double</c>, including <c>INF</c>, <c>-INF</c> and <c>NaN</c>.</summary>
    public static bool TryParseDouble(string text, out double value) => TryConvert(text, XmlConvert.ToDouble, out value);

    /// <summary>Parses an <c>xs:decimal</c>.</summary>
    public static bool TryParseDecimal(string text, out decimal value) =>
        decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    private static bool TryConvert<T>(string text, Func<string, T> convert, out T value)
        where T : struct
    {
        try
        {
            value = convert(text.Trim());
            return true;
        }
        catch (Exception exception) when (exception is FormatException or OverflowException)
        {
            value = default;
            return false;
        }
    }
}
