namespace AlmaIntegrationKit.Tests.Logins;

/// <summary>
/// The test classes that connect to a slapd, run one after the other: OpenLDAP's client library keeps its TLS defaults
/// process-wide, and a StartTLS handshake with one class's trusted certificate failed once while another class made its
/// own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LdapClientCollection
{
    public const string Name = "ldap client";
}
