using AlmaIntegrationKit.Sources;
using Npgsql;

namespace AlmaIntegrationKit.Tests.Sources;

/// <summary>The database source against a real PostgreSQL server, each test in a schema of its own.</summary>
public sealed class PostgresDatabasePatronSourceTests : IClassFixture<PostgresServer>, IAsyncLifetime
{
    private readonly TemporaryFolder _folder = new();
    private readonly string _connectionString;
    private readonly string _schema = "sources_" + Guid.NewGuid().ToString("N");

    public PostgresDatabasePatronSourceTests(PostgresServer server) => _connectionString = server.ConnectionString;

    public async Task InitializeAsync() => await ExecuteAsync($"""
        CREATE SCHEMA {_schema};
        CREATE TABLE {_schema}.spriden (
            spriden_id varchar(9) NOT NULL, last varchar(60), first varchar(60), ptype varchar(10),
            birth date, term_end timestamp, email text, active boolean);
        INSERT INTO {_schema}.spriden VALUES
            ('A00000001', 'Doe', 'Jane', 'UGRAD', '2001-02-03', '2026-05-31 23:59:00', 'jane@example.edu', true),
            ('A00000002', 'Roe', 'Rick', 'STAFF', NULL, NULL, '  ', true),
            ('A00000003', NULL, 'Ann', 'UGRAD', '1999-12-31', NULL, NULL, false),
            ('A00000004', 'Lee', 'Bo', '', NULL, NULL, NULL, true);
        """);

    public async Task DisposeAsync()
    {
        await ExecuteAsync($"DROP SCHEMA IF EXISTS {_schema} CASCADE;");
        _folder.Dispose();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private DatabasePatronSource Source(string query) => new(new DatabaseSourceOptions
    {
        Provider = "postgres",
        ConnectionString = _connectionString,
        QueryFile = _folder.Write("banner-extract.sql", query),
    }, new DbProviderRegistry().AddPostgreSql());

    [Fact]
    public async Task Reads_date_and_timestamp_columns_and_rejects_rows_missing_required_values()
    {
        var records = await Source($"""
            SELECT spriden_id AS person_id, last AS last_name, first AS "FIRST_NAME", ptype AS patron_type,
                   birth AS birth_date, term_end AS term_end_date, email, active
            FROM {_schema}.spriden ORDER BY spriden_id
            """).ReadAllAsync();

        Assert.Equal(4, records.Count);
        var rows = records.Rows();
        Assert.Equal(["A00000001", "A00000002"], rows.Select(row => row.PersonId));
        Assert.Equal(SourcePosition.Row("banner-extract.sql", 1), rows[0].Position);
        Assert.Equal(("Doe", "Jane", "UGRAD"), (rows[0].LastName, rows[0].FirstName, rows[0].PatronType));
        Assert.Equal(new DateOnly(2001, 2, 3), rows[0].BirthDate);
        Assert.Equal(new DateOnly(2026, 5, 31), rows[0].TermEndDate);
        Assert.Null(rows[1].Email);
        Assert.Equal(["3:required:last_name", "4:required:patron_type"], records.Rejections().Summaries());
        Assert.Equal(["A00000003", "A00000004"], records.Rejections().Select(rejection => rejection.PersonId));
    }

    [Fact]
    public async Task Dates_returned_as_text_are_parsed_and_bad_ones_rejected()
    {
        var records = await Source($"""
            SELECT spriden_id AS person_id, 'Doe' AS last_name, 'UGRAD' AS patron_type,
                   CASE WHEN spriden_id = 'A00000002' THEN '31.12.2026' ELSE to_char(birth, 'YYYY-MM-DD') END AS birth_date
            FROM {_schema}.spriden ORDER BY spriden_id
            """).ReadAllAsync();

        Assert.Equal(new DateOnly(2001, 2, 3), records.Rows()[0].BirthDate);
        var rejection = Assert.Single(records.Rejections());
        Assert.Equal(("A00000002", "birth_date", "date", 2L), (rejection.PersonId, rejection.Field, rejection.Rule, rejection.Position.Number));
        Assert.Equal(4, records.Count);
    }

    [Fact]
    public async Task A_missing_required_column_names_the_column_and_the_query_file()
    {
        var source = Source($"SELECT spriden_id AS person_id, last AS last_name FROM {_schema}.spriden");

        var exception = await Assert.ThrowsAsync<SourceConfigurationException>(() => source.ReadAllAsync());

        Assert.Equal(("banner-extract.sql", "patron_type"), (exception.SourceName, exception.Column));
        Assert.StartsWith("banner-extract.sql: the query result is missing the required column \"patron_type\".", exception.Message);
    }

    [Fact]
    public async Task Rows_stream_from_a_large_result()
    {
        const int count = 20_000;
        var seen = 0;
        await foreach (var record in Source($"""
            SELECT 'P' || n AS person_id, 'Last' || n AS last_name, 'UGRAD' AS patron_type, DATE '2000-01-01' + n AS birth_date
            FROM generate_series(1, {count}) AS n ORDER BY n
            """).ReadAsync())
        {
            seen++;
            var row = Assert.IsType<PatronRow>(record);
            Assert.Equal(seen, row.Position.Number);
        }

        Assert.Equal(count, seen);
    }
}
