using AlmaIntegrationKit;

namespace AlmaSis.Template.Tests;

/// <summary>The matching ID is the campus email address (--login-id email): primary_id, what logins and the SIS job find users by.</summary>
public sealed class MatchingIdTests
{
    [Fact]
    public void Primary_id_is_the_email_address_in_lower_case()
    {
        var user = new PatronMapper().Map(FeedProject.Row(), PatronMapperTests.ContextFor("UG"));

        Assert.Equal("mramirez@students.example.edu", user.PrimaryId);
    }

    [Fact]
    public void The_SIS_person_ID_and_the_barcode_are_identifiers()
    {
        var user = new PatronMapper().Map(FeedProject.Row(), PatronMapperTests.ContextFor("UG"));

        Assert.Equal(
            new[] { (PatronMapper.UniversityIdType, "200123"), (PatronMapper.BarcodeIdType, "21847000200123") },
            user.UserIdentifiers.Select(i => (i.IdType.Code, i.Value)).ToList());
    }

    [Fact]
    public void A_row_without_an_email_has_no_primary_id_and_is_rejected_by_the_feed()
    {
        var user = new PatronMapper().Map(FeedProject.Row() with { Email = null }, PatronMapperTests.ContextFor("UG"));

        // The pipeline rejects it (match-id-missing) and lists it in rejects.csv for the SIS to fix.
        Assert.Null(user.PrimaryId);
    }
}
