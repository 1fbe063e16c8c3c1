using System.Data.Common;
using AlmaIntegrationKit.Shared;
using Microsoft.Data.Sqlite;

namespace AlmaIntegrationKit.Sources;

/// <summary>
/// The ADO.NET providers a <see cref="DatabasePatronSource"/> can use, by name (case-insensitive).
/// <c>sqlite</c> is built in. PostgreSQL and SQL Server come in their own packages, so that a college ships only the
/// driver it uses; the college project registers the one it takes, and any other ADO.NET provider, in Program.cs:
/// <code>
/// // dotnet add package AlmaIntegrationKit.Sources.PostgreSql
/// o => o.Providers.AddPostgreSql()
/// // dotnet add package Oracle.ManagedDataAccess.Core
/// o => o.Providers.Register("oracle", Oracle.ManagedDataAccess.Client.OracleClientFactory.Instance)
/// </code>
/// </summary>
public sealed class DbProviderRegistry
{
    /// <summary>SQLite through Microsoft.Data.Sqlite, the embedded default.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>PostgreSQL through Npgsql: the package AlmaIntegrationKit.Sources.PostgreSql, registered with <c>AddPostgreSql()</c>.</summary>
    public const string Postgres = "postgres";

    /// <summary>SQL Server through Microsoft.Data.SqlClient: the package AlmaIntegrationKit.Sources.SqlServer, registered with <c>AddSqlServer()</c>.</summary>
    public const string SqlServer = "sqlserver";

    /// <summary>Providers colleges use that are not built in: the package that brings each, and how Program.cs registers it.</summary>
    private static readonly Dictionary<string, (string Package, string Registration)> KnownElsewhere = new(StringComparer.OrdinalIgnoreCase)
    {
        [Postgres] = ("AlmaIntegrationKit.Sources.PostgreSql", "o.Providers.AddPostgreSql()"),
        [SqlServer] = ("AlmaIntegrationKit.Sources.SqlServer", "o.Providers.AddSqlServer()"),
        ["oracle"] = ("Oracle.ManagedDataAccess.Core", "o.Providers.Register(\"oracle\", Oracle.ManagedDataAccess.Client.OracleClientFactory.Instance)"),
        ["mysql"] = ("MySqlConnector", "o.Providers.Register(\"mysql\", MySqlConnector.MySqlConnectorFactory.Instance)"),
    };

    private readonly Dictionary<string, DbProviderFactory> _factories = new(StringComparer.OrdinalIgnoreCase)
    {
        [Sqlite] = SqliteFactory.Instance,
    };

    /// <summary>The names of the providers that can be used now, sorted.</summary>
    public IReadOnlyList<string> Names => _factories.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Makes <paramref name="factory"/> usable as <paramref name="name"/>, replacing any provider of that name.</summary>
    /// <returns>This registry, to chain registrations.</returns>
    public DbProviderRegistry Register(string name, DbProviderFactory factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        _factories[name.Trim()] = factory;
        return this;
    }

    /// <summary>The factory registered as <paramref name="name"/>, if any.</summary>
    internal bool TryGet(string name, out DbProviderFactory factory)
    {
        factory = null!;
        return name is not null && _factories.TryGetValue(name.Trim(), out factory!);
    }

    /// <summary>The factory registered as <paramref name="name"/>.</summary>
    /// <exception cref="SourceConfigurationException">No provider of that name is registered; the message says
    /// which package to add and how to register it, or which names are known.</exception>
    internal DbProviderFactory Get(string name)
    {
        if (TryGet(name, out var factory))
            return factory;

        var requested = (name ?? "").Trim();
        if (KnownElsewhere.TryGetValue(requested, out var known))
        {
            throw new SourceConfigurationException(null, null,
                $"The database provider \"{requested}\" is not built in. Add its package to the college project: "
                + $"dotnet add package {known.Package}, then register it in Program.cs: "
                + $"AlmaSisHost.RunAsync(args, ..., o => {known.Registration}).");
        }

        var candidates = _factories.Keys.Concat(KnownElsewhere.Keys).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var suggestion = NearMiss.Suggest(requested, candidates);
        var didYouMean = suggestion is null ? "" : $" Did you mean \"{suggestion}\"?";
        var what = requested.Length == 0 ? "No database provider is configured." : $"Unknown database provider \"{requested}\".";
        throw new SourceConfigurationException(null, null,
            $"{what}{didYouMean} Known providers: {string.Join(", ", Names)}; "
            + $"{string.Join(", ", KnownElsewhere.Keys.Where(k => !_factories.ContainsKey(k)))} after adding its package and registering it; "
            + "any other ADO.NET provider can be registered by name with DbProviderRegistry.Register(name, factory).");
    }
}
