using AlmaIntegrationKit.Logins;

namespace AlmaIntegrationKit.Tests.Logins;

/// <summary>Lookups against a real slapd: batched, paged, with disabled accounts, filter characters and TLS.</summary>
[Collection(LdapClientCollection.Name)]
public sealed class LdapDirectoryTests(DirectoryFixture fixture) : IClassFixture<DirectoryFixture>
{
    private readonly SlapdServer _server = fixture.Server;

    [Fact]
    public void Every_value_found_once_is_matched_across_batches_and_pages()
    {
        // Batches of 2 values and pages of 1 entry: several OR searches, each continued page by page.
        using var directory = LdapDirectory.Connect(_server.Settings(batchSize: 2, pageSize: 1));
        var values = new[] { "alice", "bob", "carol", "mixed.case", "xy" };
        var found = directory.Lookup(values);

        Assert.All(values, v => Assert.Single(found[v]));
        Assert.Equal("uid=Mixed.Case,ou=people,dc=example,dc=edu", found["mixed.case"][0].Name, ignoreCase: true);
        Assert.False(found["alice"][0].Disabled);
    }

    [Fact]
    public void A_batch_is_one_search_not_one_per_value()
    {
        using var directory = LdapDirectory.Connect(_server.Settings());
        var afterBind = directory.RoundTrips;
        directory.Lookup(["alice", "bob", "carol", "jdoe", "nobody"]);
        Assert.Equal(1, directory.RoundTrips - afterBind);

        using var oneByOne = LdapDirectory.Connect(_server.Settings(batchSize: 1, connections: 1));
        afterBind = oneByOne.RoundTrips;
        oneByOne.Lookup(["alice", "bob", "carol", "jdoe", "nobody"]);
        Assert.Equal(5, oneByOne.RoundTrips - afterBind);
    }

    [Fact]
    public void Several_connections_find_what_one_finds_and_count_every_request()
    {
        var values = new[] { "alice", "bob", "carol", "jdoe", "nobody", "mixed.case", "xy", "dan", "ALICE" };
        using var one = LdapDirectory.Connect(_server.Settings(batchSize: 2, pageSize: 1, disabledFilter: "(employeeType=disabled)", connections: 1));
        var expected = one.Lookup(values);

        using var three = LdapDirectory.Connect(_server.Settings(batchSize: 2, pageSize: 1, disabledFilter: "(employeeType=disabled)", connections: 3));
        var afterBind = three.RoundTrips;
        var found = three.Lookup(values);

        Assert.Equal(8, found.Count); // ALICE is alice
        Assert.All(expected, e => Assert.Equal(e.Value.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase), found[e.Key].OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)));
        Assert.True(found["dan"].Single().Disabled);
        // The same searches as on one connection (all its requests but its bind and base DN check), plus the two more
        // connections' bind and base DN check.
        Assert.Equal((one.RoundTrips - 2) + (2 * 2), three.RoundTrips - afterBind);
    }

    [Fact]
    public void A_directory_that_refuses_the_further_connections_costs_speed_only()
    {
        var values = new[] { "alice", "bob", "carol", "jdoe", "nobody", "mixed.case" };
        using var one = LdapDirectory.Connect(_server.Settings(batchSize: 1, connections: 1));
        var expected = one.Lookup(values);

        using var proxy = new OneSessionProxy(_server.Port);
        using var limited = LdapDirectory.Connect(_server.Settings(batchSize: 1, connections: 3, viaPort: proxy.Port));
        var found = limited.Lookup(values);

        Assert.Equal(2, proxy.Refused); // both further connections, at their bind
        Assert.All(expected, e => Assert.Equal(e.Value.Select(a => a.Name).Order(StringComparer.OrdinalIgnoreCase), found[e.Key].Select(a => a.Name).Order(StringComparer.OrdinalIgnoreCase)));
        Assert.Equal(one.RoundTrips, limited.RoundTrips); // every search went over the one connection accepted
    }

    [Fact]
    public void A_failure_on_one_of_several_connections_is_the_lookups_failure()
    {
        // A filter the server refuses fails every connection's first search; the error names the setting, once.
        using var directory = LdapDirectory.Connect(_server.Settings(batchSize: 1, connections: 2, disabledFilter: "(employeeType=disabled"));
        var error = Assert.Throws<LoginCheckException>(() => directory.Lookup(["alice", "bob", "carol"]));
        Assert.Contains("Ldap:DisabledFilter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_ambiguous_and_disabled_values_are_told_apart()
    {
        using var directory = LdapDirectory.Connect(_server.Settings(disabledFilter: "(employeeType=disabled)"));
        var people = new[] { "alice", "nobody", "jdoe", "dan" }
            .Select((v, i) => new LoginCandidate($"P{i}", v, AlmaIntegrationKit.Sources.SourcePosition.Line("patrons.csv", i + 2))).ToList();
        var result = LoginCheckResult.Classify(people, directory.Lookup(people.Select(p => p.Value)), disabledChecked: true);

        Assert.Equal("1 matched, 1 missing, 1 ambiguous, 1 disabled", result.Summary);
        Assert.Equal(["nobody", "jdoe", "dan"], result.Problems.Select(p => p.Person.Value));
        Assert.Equal([LoginProblemReasons.Missing, LoginProblemReasons.Ambiguous, LoginProblemReasons.Disabled], result.Problems.Select(p => p.Reason));
        Assert.Equal(["uid=jdoe,ou=people,dc=example,dc=edu", "uid=jdoe,ou=staff,dc=example,dc=edu"], result.Problems[1].Accounts.Order(StringComparer.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(200)]
    public void Filter_characters_in_a_value_do_not_widen_the_search(int batchSize)
    {
        using var directory = LdapDirectory.Connect(_server.Settings(batchSize: batchSize));
        var found = directory.Lookup(["a*", "*", "x(y", "x)y", @"back\slash", "x*y", "(uid=*)"]);

        Assert.Equal("uid=a*,ou=people,dc=example,dc=edu", Assert.Single(found["a*"]).Name); // not alice, not abc
        Assert.Empty(found["*"]);
        Assert.Single(found["x(y"]);
        Assert.Single(found["x)y"]);
        Assert.Single(found[@"back\slash"]);
        Assert.Empty(found["x*y"]); // not xy, x(y or x)y
        Assert.Empty(found["(uid=*)"]);
    }

    [Fact]
    public void An_entry_matched_by_a_finer_rule_than_case_sends_its_batch_value_by_value()
    {
        using var directory = LdapDirectory.Connect(_server.Settings());
        var afterBind = directory.RoundTrips;
        var found = directory.Lookup(["alice", "ann lee", "nobody"]);

        Assert.Equal(["uid=ann  lee,ou=people,dc=example,dc=edu", "uid=ann lee,ou=staff,dc=example,dc=edu"], found["ann lee"].Select(a => a.Name).Order(StringComparer.Ordinal));
        Assert.Single(found["alice"]);
        Assert.Empty(found["nobody"]);
        Assert.Equal(1 + 3, directory.RoundTrips - afterBind);
    }

    [Fact]
    public void A_filter_that_cannot_be_batched_is_searched_value_by_value()
    {
        using var directory = LdapDirectory.Connect(_server.Settings(filter: "(&(objectClass=inetOrgPerson)(|(uid={0})(cn={0}-nickname)))", connections: 1));
        var afterBind = directory.RoundTrips;
        var found = directory.Lookup(["alice", "bob", "nobody"]);
        Assert.Single(found["alice"]);
        Assert.Empty(found["nobody"]);
        Assert.Equal(3, directory.RoundTrips - afterBind);
    }

    [Fact]
    public void A_wrong_password_is_a_clear_error_without_the_password()
    {
        var exception = Assert.Throws<LoginCheckException>(() => LdapDirectory.Connect(_server.Settings(password: "Wrong-pw-123")));
        Assert.Contains("refused the service account Ldap:BindDn 'cn=reader,dc=example,dc=edu'", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Wrong-pw-123", exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_base_dn_that_does_not_exist_is_named()
    {
        var exception = Assert.Throws<LoginCheckException>(() => LdapDirectory.Connect(_server.Settings(baseDn: "ou=nowhere,dc=example,dc=edu")));
        Assert.StartsWith("Ldap:BaseDn 'ou=nowhere,dc=example,dc=edu' does not exist", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("starttls")]
    [InlineData("ldaps")]
    public void Tls_with_the_self_signed_certificate_trusted_explicitly_works(string tls)
    {
        using var directory = LdapDirectory.Connect(_server.Settings(tls));
        Assert.Single(directory.Lookup(["alice"])["alice"]);
    }

    [Theory]
    [InlineData("starttls")]
    [InlineData("ldaps")]
    public void Tls_with_an_untrusted_certificate_is_a_clear_error(string tls)
    {
        var exception = Assert.Throws<LoginCheckException>(() => LdapDirectory.Connect(_server.Settings(tls, trust: false)));
        Assert.StartsWith("The TLS connection to ", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Ldap:CaCertificate", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SlapdServer.ReaderPassword, exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_certificate_is_found_under_the_name_openssl_gives_it()
    {
        var expected = SlapdServer.Run("openssl", "x509", "-hash", "-noout", "-in", _server.CertificatePath).Trim();
        Assert.Equal(expected, OpenSslSubjectHash.Of(_server.CertificatePath));
    }
}
