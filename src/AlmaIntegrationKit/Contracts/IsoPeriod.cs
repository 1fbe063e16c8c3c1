using System.Globalization;

namespace AlmaIntegrationKit;

/// <summary>
/// A date-based ISO 8601 duration such as <c>P30D</c>, <c>P2Y</c> or <c>P1Y6M</c> (weeks are kept as days):
/// how long after a term end a patron expires, and how long after expiry Alma may purge them.
/// Added component by component, years first, as calendars do: 2024-02-29 + P1Y is 2025-02-28.
/// </summary>
public readonly record struct IsoPeriod(int Years, int Months, int Days)
{
    /// <summary>The empty duration <c>P0D</c>.</summary>
    public static IsoPeriod Zero => default;

    /// <summary>The date this duration after <paramref name="date"/>.</summary>
    public DateOnly AddTo(DateOnly date) => date.AddYears(Years).AddMonths(Months).AddDays(Days);

    /// <summary>Parses <c>PnYnMnWnD</c>; a time part (<c>T...</c>) is refused because Alma dates have no time.</summary>
    public static bool TryParse(string? text, out IsoPeriod period)
    {
        period = default;
        if (string.IsNullOrEmpty(text) || text.Length < 3 || (text[0] != 'P' && text[0] != 'p'))
            return false;

        int years = 0, months = 0, days = 0, position = 1, lastOrder = -1;
        while (position < text.Length)
        {
            var start = position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
                position++;
            if (position == start || position == text.Length)
                return false;
            if (!int.TryParse(text.AsSpan(start, position - start), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                return false;

            var order = char.ToUpperInvariant(text[position]) switch { 'Y' => 0, 'M' => 1, 'W' => 2, 'D' => 3, _ => -1 };
            if (order <= lastOrder)
                return false;
            lastOrder = order;
            switch (order)
            {
                case 0: years = number; break;
                case 1: months = number; break;
                case 2: days = checked(days + (number * 7)); break;
                default: days = checked(days + number); break;
            }

            position++;
        }

        period = new IsoPeriod(years, months, days);
        return true;
    }

    /// <summary>The canonical ISO 8601 text, e.g. <c>P1Y6M</c>; <c>P0D</c> when empty.</summary>
    public override string ToString()
    {
        if (this == default)
            return "P0D";
        var text = "P";
        if (Years != 0) text += Years.ToString(CultureInfo.InvariantCulture) + "Y";
        if (Months != 0) text += Months.ToString(CultureInfo.InvariantCulture) + "M";
        if (Days != 0) text += Days.ToString(CultureInfo.InvariantCulture) + "D";
        return text;
    }
}
