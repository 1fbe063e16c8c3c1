using System.Globalization;
using AlmaIntegrationKit.Shared;

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
        var parsed = IsoPeriodSyntax.TryParse(text, out var years, out var months, out var days);
        period = parsed ? new IsoPeriod(years, months, days) : default;
        return parsed;
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
