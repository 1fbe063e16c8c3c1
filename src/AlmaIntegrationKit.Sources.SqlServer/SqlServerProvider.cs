using Microsoft.Data.SqlClient;

namespace AlmaIntegrationKit.Sources;

/// <summary>Registers SQL Server (Microsoft.Data.SqlClient) as a database provider of a college project.</summary>
public static class SqlServerProvider
{
    /// <summary>
    /// Makes SQL Server usable as <c>Source:Kind</c> <c>sqlserver</c> (<see cref="DbProviderRegistry.SqlServer"/>):
    /// <code>
    /// return await AlmaSisHost.RunAsync(args, AlmaUserSchema.Instance, AlmaUserGroups.Map, new PatronMapper(),
    ///     o => o.Providers.AddSqlServer());
    /// </code>
    /// </summary>
    /// <returns><paramref name="providers"/>, to chain registrations.</returns>
    public static DbProviderRegistry AddSqlServer(this DbProviderRegistry providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        return providers.Register(DbProviderRegistry.SqlServer, SqlClientFactory.Instance);
    }
}
