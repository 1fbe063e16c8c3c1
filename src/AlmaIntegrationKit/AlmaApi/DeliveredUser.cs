namespace AlmaIntegrationKit.AlmaApi;

/// <summary>
/// What the state file says was last delivered to Alma for one person: what <c>verify-users</c> compares Alma's user
/// with. A value the state does not hold is null and is not compared.
/// </summary>
/// <param name="PersonId">The SIS person_id.</param>
/// <param name="PrimaryId">The primary_id sent.</param>
/// <param name="MatchIdType">The identifier type of the Match ID, or null when the profile matches on primary_id.</param>
/// <param name="MatchIdValue">The Match ID value sent.</param>
/// <param name="UserGroup">The user group code sent.</param>
/// <param name="Status">The status sent (ACTIVE, INACTIVE).</param>
/// <param name="ExpiryDate">The expiry date sent.</param>
/// <param name="PurgeDate">The purge date sent.</param>
/// <param name="Identifiers">The identifiers sent, or null when the state does not hold them.</param>
/// <param name="PreferredEmail">The preferred email address sent.</param>
internal sealed record DeliveredUser(
    string PersonId,
    string? PrimaryId,
    string? MatchIdType,
    string? MatchIdValue,
    string? UserGroup,
    string? Status,
    DateOnly? ExpiryDate,
    DateOnly? PurgeDate,
    IReadOnlyList<AlmaIdentifier>? Identifiers,
    string? PreferredEmail);
