using AlmaIntegrationKit.Sources;
using AlmaSis.Template.Alma;

namespace AlmaSis.Template;

/// <remarks>
/// The matching ID (decided when this project was created with --login-id person_id): primary_id is the SIS person ID
/// (person_id), so the SAML "User ID Attribute" or the LDAP mapping must return that same ID. Every row has one.
/// The campus login, when the SIS has it, is sent as an identifier so that staff can find people by it.
/// </remarks>
public sealed partial class PatronMapper
{
    /// <summary>Identifier type of the campus login (Alma code table UserIdentifierTypes).</summary>
    public const string LoginIdType = "LOGIN_ID";

    // The matching ID: the SIS person ID. Alma's SIS job matches on it (Export:MatchId = primary_id), and the
    // login finds the user by it, so the identity provider must release the same ID.
    private static string? PrimaryIdOf(PatronRow row) => row.PersonId;

    private static void AddMatchingIdentifiers(User user, PatronRow row)
    {
        if (row.LoginId is not null)
            user.UserIdentifiers.Add(new UserIdentifier { IdType = LoginIdType, Value = row.LoginId.ToLowerInvariant() });
    }
}
