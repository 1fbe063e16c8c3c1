using AlmaIntegrationKit.Cli;
using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.Sources;
using Microsoft.Data.Sqlite;

namespace AlmaIntegrationKit.Tests.Cli;

public sealed class DatabaseSourceRunTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public DatabaseSourceRunTests()
    {
        var database = Path.Combine(_cli.Root, "sis.db");
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE people (id TEXT, login TEXT, surname TEXT, kind TEXT);
                INSERT INTO people VALUES ('P1', 'jdoe', 'Doe', 'UG'), ('P2', 'asmith', 'Smith', 'FT'), ('P3', 'bjones', 'Jones', 'GR');
                """;
            command.ExecuteNonQuery();
        }

        File.WriteAllText(Path.Combine(_cli.Root, "extract.sql"),
            "SELECT id AS person_id, login AS login_id, surname AS last_name, kind AS patron_type FROM people ORDER BY id");
        _cli.Settings["Database"] = new Dictionary<string, object>
        {
            ["ConnectionString"] = $"Data Source={database};Mode=ReadOnly;Pooling=False",
            ["QueryFile"] = "extract.sql",
        };
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_sqlite_source_exports()
    {
        _cli.Settings["Source"] = new Dictionary<string, object> { ["Kind"] = "sqlite" };

        var code = await _cli.RunAsync("run", "--dry-run");

        Assert.True(code == ExitCodes.Success, _cli.Transcript);
        var manifest = RunManifest.ReadFrom(Directory.GetFiles(Path.Combine(_cli.Outbox, "dry-run"), RunManifest.FileName, SearchOption.AllDirectories).Single());
        Assert.Equal(3, manifest.Counts.Written);
        Assert.Equal("extract.sql", manifest.Source);
    }

    [Fact]
    public async Task A_provider_the_college_registers_in_the_configure_callback_can_be_named()
    {
        _cli.Settings["Source"] = new Dictionary<string, object> { ["Kind"] = "banner" };
        _cli.Configure = o => o.Providers.Register("banner", SqliteFactory.Instance);

        var code = await _cli.RunAsync("run", "--dry-run");

        Assert.True(code == ExitCodes.Success, _cli.Transcript);
    }

    [Fact]
    public async Task Postgres_without_its_package_registered_says_which_package_to_add()
    {
        _cli.Settings["Source"] = new Dictionary<string, object> { ["Kind"] = "postgres" };

        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("run", "--dry-run"));

        Assert.Contains("dotnet add package AlmaIntegrationKit.Sources.PostgreSql", _cli.Error);
        Assert.Contains("o => o.Providers.AddPostgreSql()", _cli.Error);
    }

    [Fact]
    public async Task A_missing_connection_string_and_query_file_are_named()
    {
        _cli.Settings["Source"] = new Dictionary<string, object> { ["Kind"] = "postgres" };
        _cli.Configure = o => o.Providers.AddPostgreSql();
        _cli.Settings["Database"] = new Dictionary<string, object> { ["QueryFile"] = "nowhere.sql" };

        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("run", "--dry-run"));

        Assert.Contains("Database:ConnectionString is not set", _cli.Error);
        Assert.Contains("nowhere.sql' does not exist", _cli.Error);
    }
}
