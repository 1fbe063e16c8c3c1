namespace AlmaIntegrationKit.Export;

/// <summary>A stable 64-bit hash of a string's invariant upper-case form (FNV-1a with a final avalanche).</summary>
internal static class CaseInsensitiveHash
{
    /// <summary>The hash of <paramref name="value"/>, equal for values that differ only in case.</summary>
    public static ulong Of(string value)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in value.AsSpan().Trim())
        {
            hash ^= char.ToUpperInvariant(c);
            hash *= 1099511628211UL;
        }

        return Avalanche(hash); // spreads FNV's weak high bits
    }

    /// <summary>The splitmix64 finaliser: every bit of <paramref name="hash"/> affects every bit of the result.</summary>
    public static ulong Avalanche(ulong hash)
    {
        hash ^= hash >> 30;
        hash *= 0xBF58476D1CE4E5B9UL;
        hash ^= hash >> 27;
        hash *= 0x94D049BB133111EBUL;
        hash ^= hash >> 31;
        return hash;
    }
}
