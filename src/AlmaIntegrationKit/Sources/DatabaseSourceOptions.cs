namespace AlmaIntegrationKit.Sources;

/// <summary>
/// How to read patrons from a database: which provider, which connection, which extract query. Bound from
/// configuration (e.g. a <c>Source</c> section); keep the connection string in user secrets or the environment.
/// </summary>
internal sealed record DatabaseSourceOptions
{
    /// <summary>The provider name registered in <see cref="DbProviderRegistry"/>: <c>sqlite</c> (the default),
    /// <c>postgres</c> and <c>sqlserver</c> once registered from their packages (<c>AddPostgreSql()</c>, <c>AddSqlServer()</c>), or
    /// one the college registers (e.g. <c>oracle</c> for Banner).</summary>
    public string Provider { get; init; } = DbProviderRegistry.Sqlite;

    /// <summary>The provider's connection string.</summary>
    public string ConnectionString { get; init; } = "";

    /// <summary>The <c>.sql</c> file holding the extract query, whose result columns are named as the canonical columns.</summary>
    public string QueryFile { get; init; } = "";

    /// <summary>How long the query may run before it is abandoned, in seconds (0 waits without limit).</summary>
    public int CommandTimeoutSeconds { get; init; } = 300;
}
