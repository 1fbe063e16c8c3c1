using Npgsql;

namespace AlmaIntegrationKit.Sources;

/// <summary>Registers PostgreSQL (Npgsql) as a database provider of a college project.</summary>
public static class PostgreSqlProvider
{
    /// <summary>
    /// Makes PostgreSQL usable as <c>Source:Kind</c> <c>postgres</c> (<see cref="DbProviderRegistry.Postgres"/>):
    /// <code>
    /// return await AlmaSisHost.RunAsync(args, AlmaUserSchema.Instance, AlmaUserGroups.Map, new PatronMapper(),
    ///     o => o.Providers.AddPostgreSql());
    /// </code>
    /// </summary>
    /// <returns><paramref name="providers"/>, to chain registrations.</returns>
    public static DbProviderRegistry AddPostgreSql(this DbProviderRegistry providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        return providers.Register(DbProviderRegistry.Postgres, NpgsqlFactory.Instance);
    }
}
