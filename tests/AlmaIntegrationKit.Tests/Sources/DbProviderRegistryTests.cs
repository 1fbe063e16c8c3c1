using AlmaIntegrationKit.Sources;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AlmaIntegrationKit.Tests.Sources;

public sealed class DbProviderRegistryTests
{
    [Fact]
    public void Only_sqlite_is_built_in_and_names_ignore_case()
    {
        var providers = new DbProviderRegistry();

        Assert.Equal(["sqlite"], providers.Names);
        Assert.Same(SqliteFactory.Instance, providers.Get("SQLite"));
    }

    [Fact]
    public void Postgres_and_sqlserver_come_from_their_packages_extension_methods()
    {
        var providers = new DbProviderRegistry().AddPostgreSql().AddSqlServer();

        Assert.Equal(["postgres", "sqlite", "sqlserver"], providers.Names);
        Assert.Same(NpgsqlFactory.Instance, providers.Get(" postgres "));
        Assert.Same(SqlClientFactory.Instance, providers.Get("SqlServer"));
    }

    [Theory]
    [InlineData("postgres", "AlmaIntegrationKit.Sources.PostgreSql", "o => o.Providers.AddPostgreSql()")]
    [InlineData("sqlserver", "AlmaIntegrationKit.Sources.SqlServer", "o => o.Providers.AddSqlServer()")]
    public void Postgres_or_sqlserver_when_not_registered_names_the_package_and_the_registration(string name, string package, string registration)
    {
        var exception = Assert.Throws<SourceConfigurationException>(() => new DbProviderRegistry().Get(name));

        Assert.Contains($"\"{name}\" is not built in", exception.Message);
        Assert.Contains("dotnet add package " + package + ",", exception.Message);
        Assert.Contains(registration, exception.Message);
    }

    [Fact]
    public void Oracle_when_not_registered_names_the_package_to_add_and_how_to_register_it()
    {
        var exception = Assert.Throws<SourceConfigurationException>(() => new DbProviderRegistry().Get("oracle"));

        Assert.Contains("\"oracle\" is not built in", exception.Message);
        Assert.Contains("dotnet add package Oracle.ManagedDataAccess.Core", exception.Message);
        Assert.Contains("Register(\"oracle\", Oracle.ManagedDataAccess.Client.OracleClientFactory.Instance)", exception.Message);
    }

    [Fact]
    public void An_unknown_provider_lists_the_known_ones_with_did_you_mean()
    {
        var exception = Assert.Throws<SourceConfigurationException>(() => new DbProviderRegistry().Get("postgress"));

        Assert.StartsWith("Unknown database provider \"postgress\". Did you mean \"postgres\"?", exception.Message);
        Assert.Contains("Known providers: sqlite; postgres, sqlserver, oracle, mysql after adding its package", exception.Message);
        Assert.Contains("oracle", exception.Message);
    }

    [Fact]
    public void An_unknown_provider_far_from_any_name_gets_no_suggestion()
    {
        var exception = Assert.Throws<SourceConfigurationException>(() => new DbProviderRegistry().Get("informix"));

        Assert.StartsWith("Unknown database provider \"informix\". Known providers:", exception.Message);
    }

    [Fact]
    public void A_registered_provider_is_found_by_its_name_including_a_known_one_like_oracle()
    {
        var providers = new DbProviderRegistry().Register("Oracle", SqliteFactory.Instance);

        Assert.Same(SqliteFactory.Instance, providers.Get("oracle"));
        Assert.Contains("Oracle", providers.Names);
    }
}
