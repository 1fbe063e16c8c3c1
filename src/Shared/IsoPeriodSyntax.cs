// Shared by the generator (checks the mapping file at compile time) and the runtime (IsoPeriod.TryParse).
namespace AlmaIntegrationKit.Shared;

internal static class IsoPeriodSyntax
{
    /// <summary>
    /// Parses a date-based ISO 8601 duration <c>PnYnMnWnD</c> (components in that order, each at most once,
    /// weeks counted as 7 days). A time part (<c>PT12H</c>) is refused: Alma dates have no time.
    /// </summary>
    public static bool TryParse(string? text, out int years, out int months, out int days)
    {
        years = months = days = 0;
        if (text is null || text.Length < 3 || (text[0] != 'P' && text[0] != 'p'))
            return false;

        var position = 1;
        var lastOrder = -1;
        while (position < text.Length)
        {
            long number = 0;
            var start = position;
            while (position < text.Length && text[position] >= '0' && text[position] <= '9')
            {
                number = (number * 10) + (text[position] - '0');
                if (number > 100_000)
                    return false;
                position++;
            }

            if (position == start || position == text.Length)
                return false;

            var order = char.ToUpperInvariant(text[position]) switch { 'Y' => 0, 'M' => 1, 'W' => 2, 'D' => 3, _ => -1 };
            if (order <= lastOrder)
                return false;
            lastOrder = order;
            switch (order)
            {
                case 0: years = (int)number; break;
                case 1: months = (int)number; break;
                case 2: days += (int)number * 7; break;
                default: days += (int)number; break;
            }

            position++;
        }

        return true;
    }
}
