using AlmaIntegrationKit.Logins;

namespace AlmaIntegrationKit.Tests.Logins;

/// <summary>A directory server that stopped: a clear error, not a hang.</summary>
public sealed class StoppedServerTests
{
    [Fact]
    public void A_stopped_server_is_reported_as_unreachable()
    {
        using var server = new SlapdServer([new SlapdServer.Person("alice")]);
        using (var directory = LdapDirectory.Connect(server.Settings()))
            Assert.Single(directory.Lookup(["alice"])["alice"]);

        server.Stop();
        var exception = Assert.Throws<LoginCheckException>(() => LdapDirectory.Connect(server.Settings()));
        Assert.StartsWith($"127.0.0.1:{server.Port} (Ldap:Url) cannot be reached", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SlapdServer.ReaderPassword, exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_stops_during_the_check_is_a_clear_error()
    {
        using var server = new SlapdServer([new SlapdServer.Person("alice")]);
        using var directory = LdapDirectory.Connect(server.Settings());
        server.Stop();
        var exception = Assert.Throws<LoginCheckException>(() => directory.Lookup(["alice"]));
        Assert.Contains("cannot be reached or does not speak LDAP", exception.Message, StringComparison.Ordinal);
    }
}
