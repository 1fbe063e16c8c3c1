using AlmaIntegrationKit;
using AlmaIntegrationKit.Export;
using AlmaSis.Template.Alma;

namespace AlmaSis.Template.Tests;

/// <summary>What PatronMapper.cs makes of the optional canonical columns and of the feed's constant values.</summary>
public sealed class OptionalColumnsTests
{
    private static readonly PatronMappingContext Context = PatronMapperTests.ContextFor("UG");

    private static AlmaIntegrationKit.Sources.PatronRow WideRow() => FeedProject.Row() with
    {
        PreferredMiddleName = "Jo",
        PreferredLastName = "Ramírez",
        JobDescription = "Library student assistant",
        PreferredLanguage = "es",
        WorkAddressLine1 = "900 University Ave",
        WorkAddressLine2 = "Rivera Library",
        WorkCity = "Riverside",
        WorkState = "CA",
        WorkPostalCode = "92521",
        WorkCountry = "USA",
        WorkEmail = "mramirez@library.example.edu",
        WorkPhone = "(951) 555-0199",
        AdditionalBarcodes = "21847000900123|21847000900124",
        StatisticalCategories = "HONORS|MAJOR:BIOL",
        Note = "Card replaced in 2026",
    };

    [Fact]
    public void Names_job_and_language_are_sent()
    {
        var user = new PatronMapper().Map(WideRow(), Context);

        Assert.Equal(("Jo", "Ramírez", "Library student assistant", "es"),
            (user.PrefMiddleName, user.PrefLastName, user.JobDescription, user.PreferredLanguage?.Code));
    }

    [Fact]
    public void The_work_address_email_and_phone_come_second_and_are_not_preferred()
    {
        var contact = new PatronMapper().Map(WideRow(), Context).ContactInfo!;

        var work = contact.Addresses[1];
        Assert.Equal(("900 University Ave", "Rivera Library", "Riverside", "CA", "92521", "USA", false),
            (work.Line1, work.Line2, work.City, work.StateProvince, work.PostalCode, work.Country?.Code, work.Preferred));
        Assert.Equal(PatronMapper.WorkAddressType, Assert.Single(work.AddressTypes));
        Assert.Equal(("mramirez@library.example.edu", false), (contact.Emails[1].EmailAddress, contact.Emails[1].Preferred));
        Assert.Equal(PatronMapper.WorkEmailType, Assert.Single(contact.Emails[1].EmailTypes));
        Assert.Equal(("(951) 555-0199", false), (contact.Phones[1].PhoneNumber, contact.Phones[1].Preferred));
        Assert.Equal(PatronMapper.WorkPhoneType, Assert.Single(contact.Phones[1].PhoneTypes));
    }

    [Fact]
    public void Additional_barcodes_statistics_and_the_note_are_sent()
    {
        var user = new PatronMapper().Map(WideRow(), Context);

        Assert.Equal(["21847000200123", "21847000900123", "21847000900124"],
            user.UserIdentifiers.Where(i => i.IdType.Code == PatronMapper.BarcodeIdType).Select(i => i.Value));
        Assert.Equal(new (string?, string)[] { (null, "HONORS"), ("MAJOR", "BIOL") }, user.UserStatistics.Select(s => (s.CategoryType?.Code, s.StatisticCategory.Code)));
        var note = Assert.Single(user.UserNotes);
        Assert.Equal((PatronMapper.NoteType, "Card replaced in 2026", false), (note.NoteType.Code, note.NoteText, note.UserViewable));
    }

    [Fact]
    public void The_feed_language_fills_rows_without_one_and_rs_libraries_go_to_everyone()
    {
        var context = Context with { Feed = new FeedConstants { PreferredLanguage = "en", RsLibraries = ["MAIN"] } };

        var user = new PatronMapper().Map(FeedProject.Row(), context);

        Assert.Equal("en", user.PreferredLanguage?.Code);
        Assert.Equal("MAIN", Assert.Single(user.RsLibraries).Code?.Code);
        Assert.Equal("es", new PatronMapper().Map(WideRow(), context).PreferredLanguage?.Code);
    }

    [Fact]
    public void A_wide_user_passes_the_generated_validator()
    {
        var user = new PatronMapper().Map(WideRow(), Context);
        user.UserGroup = Context.UserGroup;
        user.ExpiryDate = Context.ExpiryDate;
        user.PurgeDate = Context.PurgeDate;

        var issues = new List<ValidationIssue>();
        AlmaUserValidator.Validate(user, issues);

        Assert.Empty(issues);
    }
}
