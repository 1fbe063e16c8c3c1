using AlmaIntegrationKit.Cli;
using AlmaIntegrationKit.Sources;

namespace AlmaSis.Template;

/// <summary>
/// The database drivers this feed uses besides SQLite, which the kit brings: SQL Server, from the package
/// AlmaIntegrationKit.Sources.SqlServer (Microsoft.Data.SqlClient). Another driver is registered here too, e.g. Oracle:
/// <code>
/// // dotnet add package Oracle.ManagedDataAccess.Core
/// options.Providers.Register("oracle", Oracle.ManagedDataAccess.Client.OracleClientFactory.Instance);
/// </code>
/// </summary>
internal static class DatabaseDrivers
{
    public static void Register(AlmaSisHostOptions options) => options.Providers.AddSqlServer();
}
