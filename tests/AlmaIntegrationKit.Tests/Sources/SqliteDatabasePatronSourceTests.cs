using AlmaIntegrationKit.Sources;
using Microsoft.Data.Sqlite;

namespace AlmaIntegrationKit.Tests.Sources;

/// <summary>The database source against a real SQLite database file created by each test.</summary>
public sealed class SqliteDatabasePatronSourceTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly string _connectionString;

    public SqliteDatabasePatronSourceTests()
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder.Path, "sis.db"), Pooling = false }.ToString();
        Execute("""
            CREATE TABLE people (
                id INTEGER NOT NULL, surname TEXT, given TEXT, kind TEXT, born TEXT, term_end TEXT, mail TEXT, shoe_size INTEGER);
            INSERT INTO people VALUES (1001, 'Doe', ' Jane ', 'STUDENT', '2001-02-03', '2026-05-31', 'jane@example.edu', 38);
            INSERT INTO people VALUES (1002, 'Roe', 'Rick', 'STAFF', NULL, NULL, '', 44);
            INSERT INTO people VALUES (1003, '', 'Ann', 'STUDENT', NULL, NULL, NULL, 39);
            INSERT INTO people VALUES (1004, 'Lee', 'Bo', 'STUDENT', '03/02/2001', NULL, NULL, 40);
            INSERT INTO people VALUES (1005, 'Kim', 'Jo', NULL, NULL, NULL, NULL, 41);
            """);
    }

    public void Dispose() => _folder.Dispose();

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private DatabasePatronSource Source(string query, string provider = "sqlite", DbProviderRegistry? providers = null) =>
        new(new DatabaseSourceOptions
        {
            Provider = provider,
            ConnectionString = _connectionString,
            QueryFile = _folder.Write("extract.sql", query),
            CommandTimeoutSeconds = 30,
        }, providers);

    private const string Extract = """
        SELECT id AS Person_ID, surname AS LAST_NAME, given AS first_name, kind AS patron_type,
               born AS birth_date, term_end AS term_end_date, mail AS email, shoe_size
        FROM people ORDER BY id
        """;

    [Fact]
    public async Task Rows_are_matched_by_column_name_and_numbered_in_result_order()
    {
        var records = await Source(Extract).ReadAllAsync();

        Assert.Equal(5, records.Count);
        var rows = records.Rows();
        Assert.Equal(["1001", "1002"], rows.Select(row => row.PersonId));
        Assert.Equal([1L, 2L], rows.Select(row => row.Position.Number));
        Assert.All(records, record => Assert.Equal(("extract.sql", SourcePositionKind.Row), (record.Position.SourceName, record.Position.Kind)));

        var jane = rows[0];
        Assert.Equal(("Doe", "Jane", "STUDENT", "jane@example.edu"), (jane.LastName, jane.FirstName, jane.PatronType, jane.Email));
        Assert.Equal(new DateOnly(2001, 2, 3), jane.BirthDate);
        Assert.Equal(new DateOnly(2026, 5, 31), jane.TermEndDate);
        Assert.Null(rows[1].Email);
        Assert.Null(rows[1].BirthDate);
    }

    [Fact]
    public async Task Empty_required_values_and_bad_dates_reject_the_row_naming_the_field()
    {
        var records = await Source(Extract).ReadAllAsync();

        var rejections = records.Rejections();
        Assert.Equal(["3:required:last_name", "4:date:birth_date", "5:required:patron_type"], rejections.Summaries());
        Assert.Equal(["1003", "1004", "1005"], rejections.Select(rejection => rejection.PersonId));
        Assert.Contains("\"03/02/2001\"", rejections[1].Message);
        Assert.Equal(records.Count, records.Rows().Count + rejections.Count);
    }

    [Fact]
    public async Task Optional_columns_may_be_absent()
    {
        var records = await Source("SELECT id AS person_id, surname AS last_name, kind AS patron_type FROM people WHERE id = 1001").ReadAllAsync();

        var row = Assert.IsType<PatronRow>(Assert.Single(records));
        Assert.Equal(("1001", "Doe", "STUDENT"), (row.PersonId, row.LastName, row.PatronType));
        Assert.Null(row.FirstName);
    }

    [Fact]
    public async Task Other_result_columns_reach_the_mapper_by_name_as_text()
    {
        var source = Source("""
            SELECT id AS person_id, surname AS last_name, kind AS patron_type, shoe_size, born AS birth_on,
                   mail AS work_email, X'00' IS NULL AS flagged, NULL AS empty_value
            FROM people WHERE id = 1001
            """);
        var row = Assert.Single((await source.ReadAllAsync()).Rows());

        Assert.Equal("38", row["SHOE_SIZE"]);
        Assert.Equal(new DateOnly(2001, 2, 3), row.Date("birth_on"));
        Assert.Equal("jane@example.edu", row.WorkEmail);
        Assert.Equal("0", row["flagged"]);
        Assert.Null(row["empty_value"]);
        Assert.Equal(["shoe_size", "birth_on", "flagged", "empty_value"], source.LastReadColumns!.OtherColumns);
        Assert.Empty(source.LastReadColumns.Unread());
    }

    [Fact]
    public async Task A_binary_value_in_another_column_rejects_the_row_naming_that_column()
    {
        var rejection = Assert.Single((await Source("SELECT id AS person_id, surname AS last_name, kind AS patron_type, X'0102' AS photo FROM people WHERE id = 1001").ReadAllAsync()).Rejections());

        Assert.Equal(("photo", SourceRejectionRules.ValueType), (rejection.Field, rejection.Rule));
    }

    [Fact]
    public async Task A_missing_required_column_is_a_configuration_error_naming_the_column_and_the_query_file()
    {
        var source = Source("SELECT id AS person_id, surname AS lastname, kind AS patron_type FROM people");

        var exception = await Assert.ThrowsAsync<SourceConfigurationException>(() => source.ReadAllAsync());

        Assert.Equal(("extract.sql", "last_name"), (exception.SourceName, exception.Column));
        Assert.StartsWith("extract.sql: the query result is missing the required column \"last_name\" (did you mean \"lastname\"?).", exception.Message);
        Assert.Contains("SELECT surname AS last_name", exception.Message);
    }

    [Fact]
    public async Task A_query_that_fails_names_the_query_file()
    {
        var source = Source("SELECT person_id FROM nowhere");

        var exception = await Assert.ThrowsAsync<SourceConfigurationException>(() => source.ReadAllAsync());

        Assert.StartsWith("extract.sql: the query in", exception.Message);
        Assert.Contains("SQLite Error 1: 'no such table: nowhere'", exception.Message);
    }

    [Fact]
    public async Task A_missing_query_file_is_a_configuration_error()
    {
        var source = new DatabasePatronSource(new DatabaseSourceOptions
        {
            ConnectionString = _connectionString,
            QueryFile = Path.Combine(_folder.Path, "absent.sql"),
        });

        var exception = await Assert.ThrowsAsync<SourceConfigurationException>(() => source.ReadAllAsync());

        Assert.Contains("absent.sql does not exist", exception.Message);
    }

    [Fact]
    public async Task Sqlite_is_the_default_provider_and_an_unknown_one_fails_before_connecting()
    {
        Assert.Equal("sqlite", new DatabaseSourceOptions().Provider);

        var exception = await Assert.ThrowsAsync<SourceConfigurationException>(() => Source(Extract, provider: "sqllite").ReadAllAsync());

        Assert.Contains("Did you mean \"sqlite\"?", exception.Message);
    }

    [Fact]
    public async Task A_provider_registered_by_name_is_used()
    {
        var providers = new DbProviderRegistry().Register("banner", SqliteFactory.Instance);

        var records = await Source(Extract, provider: "banner", providers).ReadAllAsync();

        Assert.Equal(2, records.Rows().Count);
    }

    [Fact]
    public async Task Non_text_values_are_read_with_the_invariant_culture_and_binary_values_are_rejected()
    {
        Execute("CREATE TABLE odd (id REAL, surname TEXT, kind BLOB);"
            + "INSERT INTO odd VALUES (1.5, 'Doe', 'STUDENT'); INSERT INTO odd VALUES (2, 'Roe', x'0102');");

        var records = await Source("SELECT id AS person_id, surname AS last_name, kind AS patron_type FROM odd ORDER BY id").ReadAllAsync();

        Assert.Equal("1.5", Assert.Single(records.Rows()).PersonId);
        var rejection = Assert.Single(records.Rejections());
        Assert.Equal(("patron_type", "value-type", "2"), (rejection.Field, rejection.Rule, rejection.PersonId));
    }
}
