using AlmaIntegrationKit.Generators.Tests.Alma;

namespace AlmaIntegrationKit.Generators.Tests.Behaviour;

/// <summary>One failing record per rule of the generated validator, asserting the field path and rule.</summary>
public class ValidationRuleTests
{
    private static List<ValidationIssue> Validate(User user)
    {
        var issues = new List<ValidationIssue>();
        AlmaUserValidator.Validate(user, issues);
        return issues;
    }

    private static User Valid()
    {
        // Rich() also sets fields for the round trip that the SIS load ignores (a warning each); not here.
        var user = SampleUsers.Rich();
        user.UserBlocks.Clear();
        user.StatusDate = null;
        return user;
    }

    private static ValidationIssue Only(User user)
    {
        var issues = Validate(user);
        return Assert.Single(issues);
    }

    [Fact]
    public void A_rich_valid_user_has_no_issues() => Assert.Empty(Validate(Valid()));

    [Fact]
    public void Max_length_counts_characters_as_xml_schema_does()
    {
        var user = Valid();
        user.CampusCode = new AlmaCode(new string('C', 51));
        user.FirstName = string.Concat(Enumerable.Repeat("🙂", 255)); // 510 UTF-16 units but 255 characters: allowed

        var issue = Only(user);

        Assert.Equal(("campus_code", ValidationRules.MaxLength), (issue.Path, issue.Rule));
        Assert.Contains("51 characters", issue.Message);
    }

    [Fact]
    public void Desc_attribute_length_is_checked_with_its_own_facet()
    {
        var user = Valid();
        user.UserGroup = new AlmaCode(AlmaUserGroups.Faculty, new string('x', 4001));

        var issue = Only(user);

        Assert.Equal(("user_group/@desc", ValidationRules.MaxLength), (issue.Path, issue.Rule));
    }

    [Fact]
    public void A_required_child_that_is_empty_is_reported_at_its_path()
    {
        var user = Valid();
        user.ContactInfo!.Phones[1].PhoneNumber = " ";

        var issue = Only(user);

        Assert.Equal(("contact_info/phones/phone[2]/phone_number", ValidationRules.Required), (issue.Path, issue.Rule));
    }

    [Fact]
    public void A_required_code_without_a_code_is_reported()
    {
        var user = Valid();
        user.UserIdentifiers[1].IdType = new AlmaCode("", "University ID");

        var issue = Only(user);

        Assert.Equal(("user_identifiers/user_identifier[2]/id_type", ValidationRules.Required), (issue.Path, issue.Rule));
    }

    [Fact]
    public void A_character_xml_cannot_carry_is_reported_at_its_path()
    {
        var user = Valid();
        user.ContactInfo!.Addresses[0].City = "Los\u0000Altos";

        var issue = Only(user);

        Assert.Equal(("contact_info/addresses/address[1]/city", ValidationRules.XmlCharacter), (issue.Path, issue.Rule));
        Assert.Contains("U+0000 at position 4", issue.Message);
    }

    [Fact]
    public void A_lone_surrogate_is_a_character_xml_cannot_carry()
    {
        var user = Valid();
        user.LastName = "Lee\uD83D";

        Assert.Equal(("last_name", ValidationRules.XmlCharacter), (Only(user).Path, Only(user).Rule));
    }

    [Fact]
    public void At_most_one_preferred_address_email_and_phone()
    {
        var user = Valid();
        user.ContactInfo!.Addresses[1].Preferred = true;
        user.ContactInfo.Emails[1].Preferred = true;
        user.ContactInfo.Phones[1].Preferred = true;

        var issues = Validate(user);

        Assert.Equal(
            ["contact_info/addresses", "contact_info/emails", "contact_info/phones"],
            issues.Select(i => i.Path).Order(StringComparer.Ordinal));
        Assert.All(issues, i => Assert.Equal(ValidationRules.SinglePreferred, i.Rule));
    }

    [Fact]
    public void Identifier_values_are_unique_within_a_user_ignoring_case()
    {
        var user = Valid();
        user.UserIdentifiers[2].Value = user.UserIdentifiers[1].Value.ToLowerInvariant();

        var issue = Only(user);

        Assert.Equal(("user_identifiers/user_identifier[3]/value", ValidationRules.IdentifierUnique), (issue.Path, issue.Rule));
        Assert.Contains("user_identifier[2]", issue.Message);
    }

    [Fact]
    public void Purge_date_must_not_be_before_expiry_date()
    {
        var user = Valid();
        user.PurgeDate = user.ExpiryDate!.Value.AddDays(-1);

        var issue = Only(user);

        Assert.Equal(("purge_date", ValidationRules.PurgeBeforeExpiry), (issue.Path, issue.Rule));
    }

    [Fact]
    public void Fields_the_SIS_load_ignores_are_warnings_not_errors()
    {
        var user = Valid();
        user.RecordType = new AlmaCode("PUBLIC");
        user.Password = "secret";
        user.ContactInfo!.Emails[0].SegmentType = "External";
        user.UserRoles.Add(new UserRole { RoleType = new AlmaCode("200") });

        var issues = Validate(user);

        Assert.Equal(
            ["contact_info/emails/email[1]/@segment_type", "password", "record_type", "user_roles"],
            issues.Select(i => i.Path).Order(StringComparer.Ordinal));
        Assert.All(issues, i => Assert.Equal((ValidationRules.IgnoredBySis, IssueSeverity.Warning), (i.Rule, i.Severity)));
    }

    [Fact]
    public void The_user_group_must_be_an_alma_code_of_the_mapping_file_with_did_you_mean()
    {
        var user = Valid();
        user.UserGroup = new AlmaCode("FACULTI");

        var issue = Only(user);

        Assert.Equal(("user_group", ValidationRules.UnknownUserGroup), (issue.Path, issue.Rule));
        Assert.Contains("did you mean 'FACULTY'?", issue.Message);
    }

    [Theory]
    [InlineData("jdoe.foothill.edu", "exactly one '@'")]
    [InlineData("jdoe@foothill", "domain with a dot")]
    [InlineData("jdoe@@foothill.edu", "exactly one '@'")]
    [InlineData("j doe@foothill.edu", "space")]
    [InlineData("a@b.edu;c@d.edu", "only one address")]
    [InlineData("jdoe@foothill..edu", "empty part")]
    public void Email_addresses_get_a_pragmatic_deliverability_check(string address, string expected)
    {
        var user = Valid();
        user.ContactInfo!.Emails[1].EmailAddress = address;

        var issue = Only(user);

        Assert.Equal(("contact_info/emails/email[2]/email_address", ValidationRules.Email), (issue.Path, issue.Rule));
        Assert.Contains(expected, issue.Message);
    }

    [Fact]
    public void Every_issue_of_a_record_is_returned_not_just_the_first()
    {
        var user = Valid();
        user.LastName = new string('x', 256);
        user.PurgeDate = new DateOnly(2000, 1, 1);
        user.ContactInfo!.Emails[0].EmailAddress = "nope";

        Assert.Equal(3, Validate(user).Count);
    }
}
