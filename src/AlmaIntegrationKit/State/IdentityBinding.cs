namespace AlmaIntegrationKit.State;

/// <summary>
/// A primary_id or identifier value bound to the person_id it was delivered for (see <see cref="StateSchema"/>).
/// </summary>
/// <param name="Value">The value as delivered.</param>
/// <param name="Kind"><see cref="PrimaryIdKind"/>, or the identifier type.</param>
/// <param name="PersonId">The person it belongs to.</param>
internal sealed record IdentityBinding(string Value, string Kind, string PersonId)
{
    /// <summary>The kind of a primary_id binding.</summary>
    public const string PrimaryIdKind = "primary_id";

    /// <summary>How values are compared: ignoring case, as Alma matches them.</summary>
    public static string KeyOf(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Trim().ToUpperInvariant();
    }
}
