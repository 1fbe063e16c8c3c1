namespace AlmaIntegrationKit.Tests.Logins;

/// <summary>One slapd for the directory tests: a few people, a uid held by two entries, a disabled one, uids with filter characters,
/// and two uids only the servers matching rule finds equal.</summary>
public sealed class DirectoryFixture : IDisposable
{
    public static readonly SlapdServer.Person[] People =
    [
        new("alice"), new("bob"), new("carol"), new("Mixed.Case"),
        new("jdoe"), new("jdoe", Ou: "staff"),
        new("dan", Disabled: true),
        new("a*"), new("abc"), new("x(y"), new("x)y"), new(@"back\slash"), new("xy"),
        new("ann  lee"), new("ann lee", Ou: "staff"), // equal to the server (insignificant spaces), not to an ordinal comparison
    ];

    public SlapdServer Server { get; } = new(People);

    public void Dispose() => Server.Dispose();
}
