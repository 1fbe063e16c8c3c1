using AlmaIntegrationKit;
using AlmaIntegrationKit.Export;
using AlmaSis.Template.Alma;

namespace AlmaSis.Template.Tests;

/// <summary>What PatronMapper.cs makes of one row. Change these tests with the mapper: they are its specification.</summary>
public sealed class PatronMapperTests
{
    private static readonly PatronMappingContext Context = ContextFor("UG");

    internal static PatronMappingContext ContextFor(string sisCode)
    {
        Assert.True(AlmaUserGroups.Map.TryGetBySisCode(sisCode, out var rule), sisCode + " is not in alma-user-groups.csv");
        var runDate = new DateOnly(2026, 9, 1);
        var expiry = rule.ExpiryDate(null, runDate);
        return new PatronMappingContext(runDate, rule, expiry, rule.PurgeDate(expiry));
    }

    [Fact]
    public void Names_and_birth_date_are_sent_as_the_SIS_has_them()
    {
        var user = new PatronMapper().Map(FeedProject.Row(), Context);

        Assert.Equal("María", user.FirstName);
        Assert.Equal("José", user.MiddleName);
        Assert.Equal("Ramírez Ortiz", user.LastName);
        Assert.Equal("Majo", user.PrefFirstName);
        Assert.Equal(new DateOnly(2005, 3, 14), user.BirthDate);
    }

    [Fact]
    public void Group_campus_and_dates_are_left_to_the_mapping_file()
    {
        var user = new PatronMapper().Map(FeedProject.Row(), Context);

        // The pipeline fills these from alma-user-groups.csv when the mapper leaves them null.
        Assert.Null(user.UserGroup);
        Assert.Null(user.CampusCode);
        Assert.Null(user.ExpiryDate);
        Assert.Null(user.PurgeDate);
        Assert.Null(user.Status);
    }

    [Fact]
    public void Inactive_people_are_sent_as_inactive()
    {
        var user = new PatronMapper().Map(FeedProject.Row() with { Status = "inactive" }, Context);

        Assert.Equal("INACTIVE", user.Status?.Code);
    }

    [Fact]
    public void Contact_data_is_one_preferred_address_email_and_phone()
    {
        var contact = new PatronMapper().Map(FeedProject.Row(), Context).ContactInfo;

        Assert.NotNull(contact);
        var address = Assert.Single(contact.Addresses);
        Assert.Equal(("3100 University Ave", "Room 212", "Riverside", "CA", "92507", "USA"),
            (address.Line1, address.Line2, address.City, address.StateProvince, address.PostalCode, address.Country?.Code));
        Assert.True(address.Preferred);
        Assert.Equal(PatronMapper.AddressType, Assert.Single(address.AddressTypes));
        var email = Assert.Single(contact.Emails);
        Assert.Equal("MRamirez@students.example.edu", email.EmailAddress);
        Assert.Equal(PatronMapper.EmailType, Assert.Single(email.EmailTypes));
        var phone = Assert.Single(contact.Phones);
        Assert.Equal("(951) 555-0123", phone.PhoneNumber);
        Assert.Equal(PatronMapper.PhoneType, Assert.Single(phone.PhoneTypes));
    }

    [Fact]
    public void A_row_without_contact_data_sends_no_contact_info()
    {
        var row = FeedProject.Row() with
        {
            Phone = null, AddressLine1 = null, AddressLine2 = null, City = null, State = null, PostalCode = null, Country = null,
        };
        var email = row.Email;

        var user = new PatronMapper().Map(row with { Email = null }, Context);

        Assert.Null(user.ContactInfo);
        Assert.NotNull(email);
    }

    [Fact]
    public void A_mapped_user_passes_the_generated_validator()
    {
        var user = new PatronMapper().Map(FeedProject.Row(), Context);
        user.UserGroup = Context.UserGroup;
        user.ExpiryDate = Context.ExpiryDate;
        user.PurgeDate = Context.PurgeDate;

        var issues = new List<ValidationIssue>();
        AlmaUserValidator.Validate(user, issues);

        Assert.DoesNotContain(issues, issue => issue.Severity == IssueSeverity.Error);
    }
}
