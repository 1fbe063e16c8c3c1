using AlmaIntegrationKit.Tests.Cli;
using AlmaIntegrationKit.Tests.Export;

namespace AlmaIntegrationKit.Tests.Logins;

/// <summary><c>check-logins</c> end to end: the feed, the college's mapper and the settings of a run, against slapd or an accounts file.</summary>
[Collection(LdapClientCollection.Name)]
public sealed class CheckLoginsCommandTests(DirectoryFixture fixture) : IClassFixture<DirectoryFixture>
{
    [Fact]
    public async Task Everyone_who_cannot_log_in_is_listed_and_the_exit_code_says_so()
    {
        using var cli = Harness();
        cli.WriteFeed(new PatronFeed()
            .Row("P1", "alice", "UG").Row("P2", "nobody", "UG").Row("P3", "jdoe", "FT").Row("P4", "dan", "UG")
            .Row("P1", "alice", "GR") // the same person again: one check, as a run sends one user
            .Row("P5", "bob", "XX")); // unknown patron type: a run does not send it

        var code = await cli.RunAsync("check-logins");

        Assert.True(code == 1, cli.Transcript);
        Assert.StartsWith("1 matched, 1 missing, 1 ambiguous, 1 disabled\n", cli.Output, StringComparison.Ordinal);
        Assert.Contains("1 rows not checked", cli.Output, StringComparison.Ordinal);
        var csv = Directory.GetFiles(cli.Outbox, "login-check.csv", SearchOption.AllDirectories).Single();
        var lines = File.ReadAllLines(csv);
        Assert.Equal("source,position,number,person_id,value,reason,entries", lines[0]);
        Assert.Equal("patrons.csv,line,3,P2,nobody,missing,", lines[1]);
        Assert.Equal("patrons.csv,line,4,P3,jdoe,ambiguous,\"uid=jdoe,ou=people,dc=example,dc=edu | uid=jdoe,ou=staff,dc=example,dc=edu\"", lines[2]);
        Assert.Equal("patrons.csv,line,5,P4,dan,disabled,\"uid=dan,ou=people,dc=example,dc=edu\"", lines[3]);
        Assert.Equal(4, lines.Length);
        Assert.DoesNotContain(SlapdServer.ReaderPassword, cli.Output + cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_matched_over_starttls_exits_0_and_the_match_id_can_be_an_identifier()
    {
        using var cli = Harness(tls: "starttls");
        cli.Section("Export")["MatchId"] = "UNIV_ID";
        var input = cli.WriteFeed(new PatronFeed().Row("alice", "someone-else", "UG").Row("carol", null, "UG"), "other.csv");

        var code = await cli.RunAsync("check-logins", "--input", input, "--out", "checked");

        Assert.True(code == 0, cli.Transcript);
        Assert.StartsWith("2 matched, 0 missing, 0 ambiguous, 0 disabled\n", cli.Output, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(Path.Combine(cli.Root, "checked", "login-check.csv")));
    }

    [Fact]
    public async Task A_wrong_password_and_a_filter_without_placeholder_are_errors_that_name_the_setting()
    {
        using var cli = Harness();
        cli.WriteFeed(new PatronFeed().Row("P1", "alice", "UG"));
        cli.Section("Ldap")["Password"] = "Not-the-pw-9";
        Assert.Equal(1, await cli.RunAsync("check-logins"));
        Assert.Contains("error: ldap://127.0.0.1", cli.Error, StringComparison.Ordinal);
        Assert.Contains("refused the service account Ldap:BindDn", cli.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Not-the-pw-9", cli.Output + cli.Error, StringComparison.Ordinal);

        cli.Section("Ldap")["UserFilter"] = "(uid=alice)";
        Assert.Equal(1, await cli.RunAsync("check-logins"));
        Assert.Contains("Ldap:UserFilter '(uid=alice)' has no {0}", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accounts_mode_needs_no_directory()
    {
        using var cli = new CliHarness();
        cli.WriteFeed(new PatronFeed().Row("P1", "alice", "UG").Row("P2", "bob", "UG"));
        File.WriteAllText(Path.Combine(cli.Root, "idp.csv"), "uid\nALICE\n");

        var code = await cli.RunAsync("check-logins", "--accounts", "idp.csv");

        Assert.True(code == 1, cli.Transcript);
        Assert.StartsWith("1 matched, 1 missing, 0 ambiguous\n", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_configured_to_audit_checks_the_logins_into_its_report()
    {
        using var cli = Harness();
        cli.Section("Logins")["AuditOnRun"] = true;
        cli.WriteFeed(new PatronFeed().Row("P1", "alice", "UG").Row("P2", "nobody", "UG"));

        var code = await cli.RunAsync("run", "--dry-run");

        Assert.True(code == 0, cli.Transcript);
        Assert.Contains("  logins     1 matched, 1 missing, 0 ambiguous, 0 disabled\n", cli.Output, StringComparison.Ordinal);
        var report = Directory.GetFiles(cli.Outbox, "run-report.md", SearchOption.AllDirectories).Single();
        Assert.Contains("## Logins\n\n1 matched, 1 missing, 0 ambiguous, 0 disabled; whoever cannot log in is listed in login-check.csv.\n",
            File.ReadAllText(report), StringComparison.Ordinal);
        Assert.Contains("Logins: 1 matched, 1 missing, 0 ambiguous, 0 disabled (login-check.csv)\n",
            File.ReadAllText(Path.Combine(Path.GetDirectoryName(report)!, "run-summary.txt")), StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(Path.GetDirectoryName(report)!, "login-check.csv")).Length);
    }

    [Fact]
    public async Task A_run_not_configured_to_audit_has_no_logins_section()
    {
        using var cli = Harness();
        cli.WriteFeed(new PatronFeed().Row("P1", "alice", "UG"));
        Assert.Equal(0, await cli.RunAsync("run", "--dry-run"));
        var report = Directory.GetFiles(cli.Outbox, "run-report.md", SearchOption.AllDirectories).Single();
        Assert.DoesNotContain("Logins", File.ReadAllText(report), StringComparison.Ordinal);
        Assert.DoesNotContain("logins", cli.Output, StringComparison.Ordinal);
    }

    private CliHarness Harness(string tls = "plain")
    {
        var cli = new CliHarness();
        var settings = fixture.Server.Settings(tls);
        var ldap = cli.Section("Ldap");
        ldap["Url"] = settings.Url.ToString();
        ldap["BindDn"] = settings.BindDn;
        ldap["Password"] = settings.Password;
        ldap["BaseDn"] = settings.BaseDn;
        ldap["StartTls"] = settings.StartTls;
        ldap["DisabledFilter"] = "(employeeType=disabled)";
        if (settings.CaCertificate is not null)
            ldap["CaCertificate"] = settings.CaCertificate;
        return cli;
    }
}
