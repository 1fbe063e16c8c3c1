using AlmaIntegrationKit.Cli;

namespace AlmaSis.Template;

/// <summary>
/// The database drivers this feed uses besides SQLite, which the kit brings. None: the feed reads a CSV file or SQLite.
/// A database server's driver comes in its own package and is registered here:
/// <code>
/// // PostgreSQL: dotnet add package AlmaIntegrationKit.Sources.PostgreSql      (and: using AlmaIntegrationKit.Sources;)
/// options.Providers.AddPostgreSql();
/// // SQL Server: dotnet add package AlmaIntegrationKit.Sources.SqlServer       (and: using AlmaIntegrationKit.Sources;)
/// options.Providers.AddSqlServer();
/// // Oracle (Banner, PeopleSoft): dotnet add package Oracle.ManagedDataAccess.Core
/// options.Providers.Register("oracle", Oracle.ManagedDataAccess.Client.OracleClientFactory.Instance);
/// </code>
/// A run whose Source:Kind names a driver that is not registered says which package to add.
/// </summary>
internal static class DatabaseDrivers
{
    public static void Register(AlmaSisHostOptions options)
    {
    }
}
