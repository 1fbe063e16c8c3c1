using AlmaIntegrationKit.Sources;
using AlmaSis.Template.Alma;

namespace AlmaSis.Template;

/// <remarks>
/// The matching ID (decided when this project was created with --login-id login_id): primary_id is the campus login
/// (login_id), the value the SAML "User ID Attribute" or the LDAP mapping returns. A row without one cannot log in,
/// so it is left out and listed in rejects.csv (rule match-id-missing) for the SIS to fix.
/// </remarks>
public sealed partial class PatronMapper
{
    /// <summary>Identifier type of the SIS person ID (Alma code table UserIdentifierTypes).</summary>
    public const string UniversityIdType = "UNIV_ID";

    // The matching ID: the campus login. Alma's SIS job matches on it (Export:MatchId = primary_id) and the
    // login finds the user by it. Logins are compared without regard to case, so send them in lower case.
    private static string? PrimaryIdOf(PatronRow row) => row.LoginId?.ToLowerInvariant();

    private static void AddMatchingIdentifiers(User user, PatronRow row)
    {
        user.UserIdentifiers.Add(new UserIdentifier { IdType = UniversityIdType, Value = row.PersonId });
    }
}
