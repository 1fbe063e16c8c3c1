using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Tests.Alma;

namespace AlmaIntegrationKit.Tests.Export;

/// <summary>The label a run sends for an Alma code several SIS codes share.</summary>
public sealed class SharedGroupLabelTests
{
    [Fact]
    public void Every_rule_of_an_alma_code_carries_the_first_rows_label()
    {
        var map = new UserGroupMap(
        [
            new UserGroupRule("CR", "STUDENT", null, 10, new IsoPeriod(0, 0, 30), new IsoPeriod(2, 0, 0), null),
            new UserGroupRule("AP", "STUDENT", "Apprenticeship Student", 10, new IsoPeriod(0, 0, 30), new IsoPeriod(2, 0, 0), null),
            new UserGroupRule("CE", "STUDENT", "Continuing Education", 5, new IsoPeriod(0, 0, 30), new IsoPeriod(2, 0, 0), null),
            new UserGroupRule("FT", "FACULTY", "Faculty", 50, new IsoPeriod(0, 0, 90), new IsoPeriod(3, 0, 0), null),
        ]);

        Assert.Equal(["Apprenticeship Student", "Apprenticeship Student", "Apprenticeship Student", "Faculty"], map.Rules.Select(r => r.AlmaDesc));
        Assert.True(map.TryGetBySisCode("ce", out var rule));
        Assert.Equal(("CE", "STUDENT", "Apprenticeship Student", 5), (rule.SisCode, rule.AlmaCode, rule.AlmaDesc, rule.Weight));
        Assert.Equal(new AlmaCode("STUDENT", "Apprenticeship Student"),
            new PatronMappingContext(new DateOnly(2030, 1, 1), rule, new DateOnly(2030, 2, 1), new DateOnly(2032, 2, 1)).UserGroup);
    }

    [Fact]
    public void An_empty_optional_code_element_is_no_issue_but_a_label_without_a_code_is()
    {
        var user = new User { PrimaryId = "pat", LastName = "Doe", UserGroup = new AlmaCode("UNDERGRAD"), PreferredLanguage = new AlmaCode("") };
        var address = new Address { Line1 = "1 Main St", City = "Springfield", Country = new AlmaCode("") };
        address.AddressTypes.Add("home");
        user.ContactInfo = new ContactInfo();
        user.ContactInfo.Addresses.Add(address);
        var issues = new List<ValidationIssue>();

        AlmaUserValidator.Validate(user, issues);
        Assert.Empty(issues);

        address.Country = new AlmaCode("", "United States");
        AlmaUserValidator.Validate(user, issues);
        var issue = Assert.Single(issues);
        Assert.Equal(("contact_info/addresses/address[1]/country", "has a label but no code"), (issue.Path, issue.Message));
    }
}
