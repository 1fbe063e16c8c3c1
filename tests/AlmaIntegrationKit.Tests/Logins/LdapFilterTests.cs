using AlmaIntegrationKit.Logins;
using Microsoft.Extensions.Configuration;

namespace AlmaIntegrationKit.Tests.Logins;

public sealed class LdapFilterTests
{
    [Theory]
    [InlineData("jdoe", "jdoe")]
    [InlineData("a*", @"a\2a")]
    [InlineData("x(y)", @"x\28y\29")]
    [InlineData(@"back\slash", @"back\5cslash")]
    [InlineData("nul\0", @"nul\00")]
    [InlineData(@"*()\", @"\2a\28\29\5c")]
    [InlineData("José Ñúñez", "José Ñúñez")]
    public void Values_are_escaped_per_rfc_4515(string value, string escaped) => Assert.Equal(escaped, LdapFilter.Escape(value));

    [Fact]
    public void The_filter_is_filled_with_the_escaped_value_alone_or_in_an_or()
    {
        var filter = LdapFilter.Parse("(sAMAccountName={0})");
        Assert.Equal(@"(sAMAccountName=a\2a)", filter.For("a*"));
        Assert.Equal(@"(|(sAMAccountName=a)(sAMAccountName=b\29))", filter.ForAny(["a", "b)"]));
        Assert.Equal(["sAMAccountName"], filter.MatchAttributes);
        Assert.True(filter.CanBatch);
    }

    [Fact]
    public void Compound_filters_batch_when_every_placeholder_is_an_equality()
    {
        var filter = LdapFilter.Parse("(&(objectClass=user)(|(sAMAccountName={0})(userPrincipalName={0})))");
        Assert.True(filter.CanBatch);
        Assert.Equal(["sAMAccountName", "userPrincipalName"], filter.MatchAttributes);
        Assert.False(LdapFilter.Parse("(cn=*{0}*)").CanBatch);
    }

    [Theory]
    [InlineData("(uid=jdoe)", "has no {0}")]
    [InlineData("uid={0}", "is not an LDAP filter")]
    [InlineData("(uid={0}", "is not an LDAP filter")]
    [InlineData("(uid={0}))(", "is not an LDAP filter")]
    public void A_bad_filter_is_refused_with_the_reason(string template, string reason)
    {
        var exception = Assert.Throws<ArgumentException>(() => LdapFilter.Parse(template));
        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_name_every_problem_and_never_the_password()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ldap:Url"] = "http://ldap.example.edu",
            ["Ldap:Password"] = "Top-secret-1",
            ["Ldap:UserFilter"] = "(uid=jdoe)",
            ["Ldap:StartTls"] = "perhaps",
            ["Ldap:BatchSize"] = "0",
            ["Ldap:Connections"] = "9",
        }).Build();
        var problems = new List<string>();
        Assert.Null(LdapSettings.Read(configuration, p => p, problems));

        Assert.Contains(problems, p => p.StartsWith("Ldap:Url 'http://ldap.example.edu' is not an ldap:// or ldaps:// address", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Ldap:BindDn is not set", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Ldap:BaseDn is not set", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Ldap:UserFilter '(uid=jdoe)' has no {0}", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Ldap:StartTls is 'perhaps'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Ldap:BatchSize is '0'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Ldap:Connections is '9'", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("Top-secret-1", StringComparison.Ordinal));
    }

    [Fact]
    public void The_settings_print_without_the_password()
    {
        var settings = new LdapSettings { Url = new Uri("ldaps://ldap.example.edu"), BindDn = "cn=r", Password = "Top-secret-1", BaseDn = "dc=example,dc=edu" };
        Assert.DoesNotContain("Top-secret-1", settings.ToString(), StringComparison.Ordinal);
        Assert.Equal(636, settings.Port);
    }
}
