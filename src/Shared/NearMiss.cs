// Shared by the generator (compile-time "did you mean") and the runtime (unknown codes at run time).
namespace AlmaIntegrationKit.Shared;

internal static class NearMiss
{
    /// <summary>
    /// The candidate closest to <paramref name="input"/> (case-insensitive edit distance), or null when
    /// none is close enough to be a plausible typo: at most a third of the input's length, and at most 3 edits.
    /// </summary>
    public static string? Suggest(string input, System.Collections.Generic.IEnumerable<string> candidates)
    {
        if (string.IsNullOrEmpty(input))
            return null;

        var limit = System.Math.Min(3, System.Math.Max(1, input.Length / 3));
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (string.Equals(candidate, input, System.StringComparison.Ordinal))
                continue;
            var distance = Distance(input, candidate);
            if (distance < bestDistance || (distance == bestDistance && best is not null && string.CompareOrdinal(candidate, best) < 0))
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        return bestDistance <= limit ? best : null;
    }

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions), ignoring case.</summary>
    public static int Distance(string a, string b)
    {
        var previousPrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]) ? 0 : 1;
                var value = System.Math.Min(System.Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1
                    && char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 2])
                    && char.ToUpperInvariant(a[i - 2]) == char.ToUpperInvariant(b[j - 1]))
                {
                    value = System.Math.Min(value, previousPrevious[j - 2] + 1);
                }

                current[j] = value;
            }

            (previousPrevious, previous, current) = (previous, current, previousPrevious);
        }

        return previous[b.Length];
    }
}
