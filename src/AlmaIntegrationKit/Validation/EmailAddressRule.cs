namespace AlmaIntegrationKit.Validation;

/// <summary>
/// A pragmatic email check: what a delivery would certainly fail on, not the whole of RFC 5322.
/// One <c>@</c>, a non-empty local part, a domain with a dot and no empty labels, no spaces.
/// </summary>
internal static class EmailAddressRule
{
    /// <summary>Why <paramref name="address"/> cannot be delivered to, or null when it looks deliverable.</summary>
    public static string? Problem(string address)
    {
        if (address.Length == 0)
            return "is empty";
        if (address.AsSpan().IndexOfAny(" \t\r\n,;") >= 0)
            return "contains a space, comma or semicolon (only one address per email element)";
        var at = address.IndexOf('@');
        if (at < 0 || at != address.LastIndexOf('@'))
            return "needs exactly one '@'";
        if (at == 0)
            return "has nothing before the '@'";
        var domain = address.AsSpan(at + 1);
        if (domain.IsEmpty || domain.IndexOf('.') < 0)
            return "needs a domain with a dot after the '@'";
        if (domain[0] == '.' || domain[^1] == '.' || domain.IndexOf("..") >= 0)
            return "has an empty part in its domain";
        if (address[at - 1] == '.' || address[0] == '.')
            return "has a dot at the start or end of the part before the '@'";
        return null;
    }
}
