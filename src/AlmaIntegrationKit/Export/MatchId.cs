namespace AlmaIntegrationKit.Export;

/// <summary>
/// The Match ID of the Alma integration profile: the value Alma's synchronize job finds an existing user by, which
/// must be present in every record. Either <c>primary_id</c> or the value of one identifier type.
/// </summary>
/// <param name="IdentifierType">The identifier type (<c>id_type</c> code), or null for <c>primary_id</c>.</param>
internal readonly record struct MatchId(string? IdentifierType)
{
    /// <summary>The configuration word for matching on primary_id.</summary>
    public const string PrimaryIdName = "primary_id";

    /// <summary>Matching on primary_id.</summary>
    public static MatchId PrimaryId => default;

    /// <summary>Whether the profile matches on primary_id.</summary>
    public bool IsPrimaryId => IdentifierType is null;

    /// <summary>The field path a missing Match ID is reported at.</summary>
    public string Path => IsPrimaryId ? PrimaryIdName : $"user_identifiers/user_identifier[id_type='{IdentifierType}']/value";

    /// <summary>Reads the configured Match ID: <c>primary_id</c> (or empty) or an identifier type code.</summary>
    public static MatchId Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) || string.Equals(text.Trim(), PrimaryIdName, StringComparison.OrdinalIgnoreCase)
            ? PrimaryId
            : new MatchId(text.Trim());

    /// <summary>The Match ID value of <paramref name="user"/>, or null when it has none.</summary>
    public string? ValueOf(IAlmaUser user)
    {
        if (IsPrimaryId)
            return string.IsNullOrWhiteSpace(user.PrimaryId) ? null : user.PrimaryId;
        foreach (var identifier in user.GetIdentifiers())
        {
            if (string.Equals(identifier.IdType, IdentifierType, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(identifier.Value))
                return identifier.Value;
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => IdentifierType ?? PrimaryIdName;
}
