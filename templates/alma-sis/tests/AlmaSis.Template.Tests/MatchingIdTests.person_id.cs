using AlmaIntegrationKit;

namespace AlmaSis.Template.Tests;

/// <summary>The matching ID is the SIS person ID (--login-id person_id): primary_id, what logins and the SIS job find users by.</summary>
public sealed class MatchingIdTests
{
    [Fact]
    public void Primary_id_is_the_person_id()
    {
        var user = new PatronMapper().Map(FeedProject.Row(), PatronMapperTests.ContextFor("UG"));

        Assert.Equal("200123", user.PrimaryId);
    }

    [Fact]
    public void The_login_and_the_barcode_are_identifiers()
    {
        var user = new PatronMapper().Map(FeedProject.Row(), PatronMapperTests.ContextFor("UG"));

        Assert.Equal(
            new[] { (PatronMapper.LoginIdType, "mramirez"), (PatronMapper.BarcodeIdType, "21847000200123") },
            user.UserIdentifiers.Select(i => (i.IdType.Code, i.Value)).ToList());
    }

    [Fact]
    public void A_row_without_a_login_still_has_its_primary_id()
    {
        var user = new PatronMapper().Map(FeedProject.Row() with { LoginId = null }, PatronMapperTests.ContextFor("UG"));

        // Every row has a person ID; without a login the user simply has no LOGIN_ID identifier.
        Assert.Equal("200123", user.PrimaryId);
        Assert.DoesNotContain(user.UserIdentifiers, i => i.IdType.Code == PatronMapper.LoginIdType);
    }
}
