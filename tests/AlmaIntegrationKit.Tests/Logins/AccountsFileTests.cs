using AlmaIntegrationKit.Logins;
using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Tests.Logins;

public sealed class AccountsFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "alma-accounts-" + Guid.NewGuid().ToString("N"));

    public AccountsFileTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public void The_export_is_compared_ignoring_case_and_a_value_twice_is_ambiguous()
    {
        var path = Write("idp.csv", "eduPersonPrincipalName\njdoe@example.edu\nASMITH@example.edu\n\nbking@example.edu\nBKing@example.edu\n");
        var people = new[] { ("P1", "jdoe@example.edu"), ("P2", "asmith@example.edu"), ("P3", "bking@example.edu"), ("P4", "nobody@example.edu") }
            .Select((p, i) => new LoginCandidate(p.Item1, p.Item2, SourcePosition.Line("patrons.csv", i + 2))).ToList();

        var result = LoginCheckResult.Classify(people, AccountsFile.Read(path), disabledChecked: false);

        Assert.Equal("2 matched, 1 missing, 1 ambiguous", result.Summary);
        var ambiguous = Assert.Single(result.Problems, p => p.Reason == LoginProblemReasons.Ambiguous);
        Assert.Equal("P3", ambiguous.Person.PersonId);
        Assert.Equal(["idp.csv line 5", "idp.csv line 6"], ambiguous.Accounts);
        Assert.Equal("P4", Assert.Single(result.Problems, p => p.Reason == LoginProblemReasons.Missing).Person.PersonId);
    }

    [Fact]
    public void A_column_is_picked_by_name_when_the_export_has_several()
    {
        var path = Write("idp.csv", "displayName,uid,mail\n\"Doe, Jo\",jdoe,jdoe@example.edu\n");
        Assert.True(AccountsFile.Read(path, "UID").ContainsKey("jdoe"));

        var several = Assert.Throws<LoginCheckException>(() => AccountsFile.Read(path));
        Assert.Contains("has 3 columns (displayName, uid, mail); name the one", several.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<LoginCheckException>(() => AccountsFile.Read(path, "upn"));
        Assert.Contains("has no column 'upn'", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_empty_file_is_a_clear_error()
    {
        Assert.Contains("does not exist", Assert.Throws<LoginCheckException>(() => AccountsFile.Read(Path.Combine(_folder, "none.csv"))).Message, StringComparison.Ordinal);
        Assert.Contains("is empty", Assert.Throws<LoginCheckException>(() => AccountsFile.Read(Write("empty.csv", ""))).Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
