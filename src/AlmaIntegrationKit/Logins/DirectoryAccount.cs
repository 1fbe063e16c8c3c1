namespace AlmaIntegrationKit.Logins;

/// <summary>An account a login value was found as: a directory entry's DN, or a line of an identity provider's export.</summary>
/// <param name="Name">The entry's DN, or where the account is in the export file.</param>
/// <param name="Disabled">Whether the account matched <c>Ldap:DisabledFilter</c>.</param>
internal readonly record struct DirectoryAccount(string Name, bool Disabled);
