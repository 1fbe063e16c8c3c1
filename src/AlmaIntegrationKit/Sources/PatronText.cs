namespace AlmaIntegrationKit.Sources;

/// <summary>How the text values of a patron row are normalised: trimmed, and empty means absent.</summary>
internal static class PatronText
{
    /// <summary>The value trimmed, or null when nothing is left.</summary>
    public static string? Clean(string? value)
    {
        if (value is null)
            return null;
        var trimmed = value.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    /// <summary>The value trimmed; throws when nothing is left, because <paramref name="column"/> is required.</summary>
    public static string Required(string? value, string column) =>
        Clean(value) ?? throw new ArgumentException($"{column} is required and cannot be empty.", column);
}
