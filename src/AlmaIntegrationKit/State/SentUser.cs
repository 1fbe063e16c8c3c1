namespace AlmaIntegrationKit.State;

/// <summary>
/// What the state file keeps of one person who was sent to Alma: enough to recognise a change (the fingerprint) and
/// to rebuild a minimal user for a leaver (primary_id, Match ID, user group, campus). No names, no contact data.
/// </summary>
/// <param name="PersonId">The SIS person_id: the key of the state.</param>
/// <param name="PrimaryId">The primary_id sent.</param>
/// <param name="MatchIdType">The identifier type of the Match ID, or null when the Match ID is primary_id.</param>
/// <param name="MatchIdValue">The Match ID value sent.</param>
/// <param name="UserGroup">The user group code sent.</param>
/// <param name="UserGroupDesc">The user group label sent.</param>
/// <param name="CampusCode">The campus code sent.</param>
/// <param name="Fingerprint">The fingerprint of the user's XML as sent (<see cref="Packaging.UserFingerprint"/>).</param>
internal sealed record SentUser(
    string PersonId,
    string? PrimaryId,
    string? MatchIdType,
    string? MatchIdValue,
    string? UserGroup,
    string? UserGroupDesc,
    string? CampusCode,
    byte[] Fingerprint);
