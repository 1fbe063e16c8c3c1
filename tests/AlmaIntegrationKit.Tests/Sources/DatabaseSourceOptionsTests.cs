using AlmaIntegrationKit.Sources;
using Microsoft.Extensions.Configuration;

namespace AlmaIntegrationKit.Tests.Sources;

public sealed class DatabaseSourceOptionsTests
{
    [Fact]
    public void Binds_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Source:Provider"] = "postgres",
            ["Source:ConnectionString"] = "Host=sis;Database=banner",
            ["Source:QueryFile"] = "queries/banner-extract.sql",
            ["Source:CommandTimeoutSeconds"] = "600",
        }).Build();

        var options = configuration.GetSection("Source").Get<DatabaseSourceOptions>();

        Assert.Equal(
            new DatabaseSourceOptions { Provider = "postgres", ConnectionString = "Host=sis;Database=banner", QueryFile = "queries/banner-extract.sql", CommandTimeoutSeconds = 600 },
            options);
    }

    [Fact]
    public void Defaults_to_embedded_sqlite_and_a_five_minute_timeout()
    {
        var options = new DatabaseSourceOptions();

        Assert.Equal(("sqlite", 300), (options.Provider, options.CommandTimeoutSeconds));
    }
}
