using AlmaIntegrationKit.Sources;
using AlmaSis.Template.Alma;

namespace AlmaSis.Template;

/// <remarks>
/// The matching ID (decided when this project was created with --login-id email): primary_id is the campus email
/// address (email), in lower case, so the SAML "User ID Attribute" or the LDAP mapping must return the email address
/// (mail). A row without one cannot log in, so it is left out and listed in rejects.csv (rule match-id-missing).
/// An email changes when a name changes: the SIS must keep the old address until Alma's user is updated.
/// </remarks>
public sealed partial class PatronMapper
{
    /// <summary>Identifier type of the SIS person ID (Alma code table UserIdentifierTypes).</summary>
    public const string UniversityIdType = "UNIV_ID";

    // The matching ID: the campus email address. Alma's SIS job matches on it (Export:MatchId = primary_id)
    // and the login finds the user by it. Addresses are compared without regard to case: send lower case.
    private static string? PrimaryIdOf(PatronRow row) => row.Email?.ToLowerInvariant();

    private static void AddMatchingIdentifiers(User user, PatronRow row)
    {
        user.UserIdentifiers.Add(new UserIdentifier { IdType = UniversityIdType, Value = row.PersonId });
    }
}
