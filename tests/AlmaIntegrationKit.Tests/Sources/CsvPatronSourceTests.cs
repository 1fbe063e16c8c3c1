using System.Text;
using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Tests.Sources;

public sealed class CsvPatronSourceTests : IDisposable
{
    private const string Header = "person_id,last_name,first_name,patron_type,birth_date,email";

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private CsvPatronSource Csv(string text, bool byteOrderMark = false) =>
        new(_folder.Write("students.csv", text, byteOrderMark));

    [Fact]
    public async Task Reads_every_original_canonical_column_trimmed_with_empty_values_as_null()
    {
        var header = string.Join(",", PatronColumns.All.Take(20));
        var line = "P1, jdoe ,B001,Jane,,Doe,Janie,jane@example.edu,555-0100,1 Main St,Apt 2,Springfield,IL,62701,US,STUDENT,MAIN,2026-05-31,2001-02-03,active";
        var records = await Csv($"{header}\n{line}\n").ReadAllAsync();

        var row = Assert.IsType<PatronRow>(Assert.Single(records));
        Assert.Equal(SourcePosition.Line("students.csv", 2), row.Position);
        Assert.Equal("P1", row.PersonId);
        Assert.Equal("jdoe", row.LoginId);
        Assert.Equal("B001", row.Barcode);
        Assert.Equal("Jane", row.FirstName);
        Assert.Null(row.MiddleName);
        Assert.Equal("Doe", row.LastName);
        Assert.Equal("Janie", row.PreferredFirstName);
        Assert.Equal("jane@example.edu", row.Email);
        Assert.Equal("555-0100", row.Phone);
        Assert.Equal("1 Main St", row.AddressLine1);
        Assert.Equal("Apt 2", row.AddressLine2);
        Assert.Equal("Springfield", row.City);
        Assert.Equal("IL", row.State);
        Assert.Equal("62701", row.PostalCode);
        Assert.Equal("US", row.Country);
        Assert.Equal("STUDENT", row.PatronType);
        Assert.Equal("MAIN", row.Campus);
        Assert.Equal(new DateOnly(2026, 5, 31), row.TermEndDate);
        Assert.Equal(new DateOnly(2001, 2, 3), row.BirthDate);
        Assert.Equal("active", row.Status);
    }

    [Fact]
    public async Task Reads_utf8_with_a_byte_order_mark_without_mangling_the_first_header_name()
    {
        var records = await Csv($"{Header}\nP1,Müller,Zoë,STUDENT,,\n", byteOrderMark: true).ReadAllAsync();

        var row = Assert.IsType<PatronRow>(Assert.Single(records));
        Assert.Equal("P1", row.PersonId);
        Assert.Equal("Müller", row.LastName);
        Assert.Equal("Zoë", row.FirstName);
        Assert.Equal(2, row.Position.Number);
    }

    [Fact]
    public async Task Reads_crlf_line_ends_with_right_line_numbers_and_no_carriage_returns_in_values()
    {
        var records = await Csv($"{Header}\r\nP1,Doe,Jane,STUDENT,,a@x.edu\r\nP2,Roe,Rick,STAFF,,b@x.edu\r\n").ReadAllAsync();

        var rows = records.Rows();
        Assert.Equal(["P1", "P2"], rows.Select(row => row.PersonId));
        Assert.Equal([2L, 3L], rows.Select(row => row.Position.Number));
        Assert.Equal("b@x.edu", rows[1].Email);
    }

    [Fact]
    public async Task Quoted_fields_may_hold_commas_quotes_and_line_breaks_and_later_line_numbers_stay_right()
    {
        var text = Header + "\n"
            + "P1,\"Doe, Jr.\",\"Jane \"\"JJ\"\"\",STUDENT,,\n"      // line 2
            + "P2,\"Roe\nSmith\r\nJones\",Rick,STAFF,,\n"             // lines 3-5
            + "P3,Poe,Edgar,FACULTY,,\n";                             // line 6
        var records = await Csv(text).ReadAllAsync();

        var rows = records.Rows();
        Assert.Equal(3, rows.Count);
        Assert.Equal("Doe, Jr.", rows[0].LastName);
        Assert.Equal("Jane \"JJ\"", rows[0].FirstName);
        Assert.Equal("Roe\nSmith\r\nJones", rows[1].LastName);
        Assert.Equal([2L, 3L, 6L], rows.Select(row => row.Position.Number));
    }

    [Fact]
    public async Task A_line_with_the_wrong_number_of_fields_is_rejected_with_its_line_and_the_rest_loads()
    {
        var text = Header + "\n"
            + "P1,Doe,Jane,STUDENT,,\n"
            + "P2,Roe,Rick,STAFF\n"
            + "P3,Poe,Edgar,FACULTY,,,extra\n"
            + "P4,Lee,Ann,STUDENT,,\n";
        var records = await Csv(text).ReadAllAsync();

        Assert.Equal(["P1", "P4"], records.Rows().Select(row => row.PersonId));
        var rejections = records.Rejections();
        Assert.Equal(["3:column-count:", "4:column-count:"], rejections.Summaries());
        Assert.Equal("P2", rejections[0].PersonId);
        Assert.Null(rejections[0].Field);
        Assert.Contains("4 fields but the header has 6", rejections[0].Message);
        Assert.Contains("7 fields but the header has 6", rejections[1].Message);
    }

    [Fact]
    public async Task A_misplaced_quote_rejects_its_line_as_csv_format_and_the_rest_loads()
    {
        var text = Header + "\n"
            + "P1,Do\"e,Jane,STUDENT,,\n"
            + "P2,\"Roe\"x,Rick,STAFF,,\n"
            + "P3,Poe,Edgar,FACULTY,,\n";
        var records = await Csv(text).ReadAllAsync();

        Assert.Equal(["2:csv-format:", "3:csv-format:"], records.Rejections().Summaries());
        Assert.Equal("P1", records.Rejections()[0].PersonId);
        Assert.Contains("Do\"e", records.Rejections()[0].Message);
        var row = Assert.Single(records.Rows());
        Assert.Equal(("P3", 4L), (row.PersonId, row.Position.Number));
    }

    [Fact]
    public async Task An_unclosed_quote_rejects_the_line_where_it_opens_and_reading_resumes_on_the_next_line()
    {
        var text = Header + "\n"
            + "P1,Doe,Jane,STUDENT,,\n"            // 2
            + "P2,\"Roe,Rick,STAFF,,\n"            // 3: the quote never closes
            + "P3,Poe,Edgar,FACULTY,,\n"           // 4
            + "P4,\"Lee, Jr.\",Ann,STUDENT,,\n"    // 5: a good quoted field after the broken one
            + "P5,Kim,Bo,STAFF,,\n";               // 6
        var records = await Csv(text).ReadAllAsync();

        Assert.Equal(["3:csv-format:"], records.Rejections().Summaries());
        Assert.Equal("P2", records.Rejections()[0].PersonId);
        var rows = records.Rows();
        Assert.Equal(["P1", "P3", "P4", "P5"], rows.Select(row => row.PersonId));
        Assert.Equal([2L, 4L, 5L, 6L], rows.Select(row => row.Position.Number));
        Assert.Equal("Lee, Jr.", rows[2].LastName);
    }

    [Fact]
    public async Task An_unclosed_quote_on_the_last_line_is_rejected()
    {
        var records = await Csv($"{Header}\nP1,Doe,Jane,STUDENT,,\nP2,\"Roe,Rick,STAFF,,").ReadAllAsync();

        Assert.Equal(["P1"], records.Rows().Select(row => row.PersonId));
        Assert.Equal(["3:csv-format:"], records.Rejections().Summaries());
    }

    [Fact]
    public async Task An_unclosed_quote_followed_by_more_text_than_any_field_holds_still_loads_every_later_line()
    {
        var text = new StringBuilder(Header).Append('\n')
            .Append("P0,\"Broken,Quote,STUDENT,,\n");               // line 2
        const int later = 3000;                                      // ~100 KB, more than the longest field allowed
        for (var i = 1; i <= later; i++)
            text.Append($"P{i},Last{i},First{i},STUDENT,2000-01-01,person{i}@example.edu\n");
        var records = await Csv(text.ToString()).ReadAllAsync();

        Assert.Equal(["2:csv-format:"], records.Rejections().Summaries());
        var rows = records.Rows();
        Assert.Equal(later, rows.Count);
        Assert.Equal(("P1", 3L), (rows[0].PersonId, rows[0].Position.Number));
        Assert.Equal(("P3000", 3002L), (rows[^1].PersonId, rows[^1].Position.Number));
    }

    [Fact]
    public async Task A_missing_required_header_column_throws_naming_the_file_the_column_and_the_near_miss()
    {
        var source = Csv("person_id,lastname,first_name,patron_type\nP1,Doe,Jane,STUDENT\n");

        var exception = await Assert.ThrowsAsync<SourceConfigurationException>(() => source.ReadAllAsync());

        Assert.Equal("students.csv", exception.SourceName);
        Assert.Equal("last_name", exception.Column);
        Assert.Contains("students.csv", exception.Message);
        Assert.Contains("\"last_name\"", exception.Message);
        Assert.Contains("did you mean \"lastname\"?", exception.Message);
    }

    [Fact]
    public async Task Missing_required_columns_stop_before_any_row_is_yielded()
    {
        var source = Csv("person_id,first_name\nP1,Jane\n");
        var yielded = 0;

        var exception = await Assert.ThrowsAsync<SourceConfigurationException>(async () =>
        {
            await foreach (var _ in source.ReadAsync())
                yielded++;
        });

        Assert.Equal(0, yielded);
        Assert.Equal("last_name", exception.Column);
        Assert.Contains("\"last_name\", \"patron_type\"", exception.Message);
        Assert.DoesNotContain("did you mean", exception.Message);
    }

    [Fact]
    public async Task A_column_named_twice_is_a_configuration_error()
    {
        var source = Csv("person_id,last_name,patron_type,Last_Name\nP1,Doe,STUDENT,Roe\n");

        var exception = await Assert.ThrowsAsync<SourceConfigurationException>(() => source.ReadAllAsync());

        Assert.Equal("last_name", exception.Column);
        Assert.Contains("columns 2 and 4", exception.Message);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("", true)]
    [InlineData("\n\r\n", false)]
    public async Task An_empty_file_is_a_configuration_error(string text, bool byteOrderMark)
    {
        var source = Csv(text, byteOrderMark);

        var exception = await Assert.ThrowsAsync<SourceConfigurationException>(() => source.ReadAllAsync());

        Assert.Equal("students.csv", exception.SourceName);
        Assert.Contains("students.csv: the file is empty", exception.Message);
        Assert.Contains("header row", exception.Message);
    }

    [Fact]
    public async Task A_missing_file_is_a_configuration_error()
    {
        var source = new CsvPatronSource(Path.Combine(_folder.Path, "absent.csv"));

        var exception = await Assert.ThrowsAsync<SourceConfigurationException>(() => source.ReadAllAsync());

        Assert.Contains("absent.csv", exception.Message);
        Assert.IsType<FileNotFoundException>(exception.InnerException);
    }

    [Theory]
    [InlineData(Header)]
    [InlineData(Header + "\n")]
    [InlineData(Header + "\r\n\r\n")]
    public async Task A_header_only_file_yields_no_records(string text)
    {
        Assert.Empty(await Csv(text).ReadAllAsync());
    }

    [Fact]
    public async Task Header_names_are_matched_ignoring_case_and_spaces_extra_columns_are_ignored_and_optional_ones_may_be_absent()
    {
        var records = await Csv(" Person_ID ,LAST_NAME,shoe_size, Patron_Type\nP1,Doe,42,STUDENT\n").ReadAllAsync();

        var row = Assert.IsType<PatronRow>(Assert.Single(records));
        Assert.Equal(("P1", "Doe", "STUDENT"), (row.PersonId, row.LastName, row.PatronType));
        Assert.Null(row.FirstName);
        Assert.Null(row.BirthDate);
    }

    [Fact]
    public async Task Blank_lines_are_not_records_and_do_not_shift_line_numbers()
    {
        var records = await Csv($"\n{Header}\n\nP1,Doe,Jane,STUDENT,,\n   \n\nP2,Roe,Rick,STAFF,,\n\n").ReadAllAsync();

        var rows = records.Rows();
        Assert.Equal(2, records.Count);
        Assert.Equal([4L, 7L], rows.Select(row => row.Position.Number));
    }

    [Theory]
    [InlineData("31/01/2001")]
    [InlineData("2001-02-30")]
    [InlineData("2001-2-3")]
    [InlineData("20010203")]
    public async Task A_bad_date_rejects_the_row_naming_the_field(string date)
    {
        var records = await Csv($"{Header}\nP1,Doe,Jane,STUDENT,{date},\nP2,Roe,Rick,STAFF,2001-02-03,\n").ReadAllAsync();

        var rejection = Assert.Single(records.Rejections());
        Assert.Equal(("P1", "birth_date", "date", 2L), (rejection.PersonId, rejection.Field, rejection.Rule, rejection.Position.Number));
        Assert.Contains($"\"{date}\"", rejection.Message);
        Assert.Contains("yyyy-MM-dd", rejection.Message);
        Assert.Equal(new DateOnly(2001, 2, 3), Assert.Single(records.Rows()).BirthDate);
    }

    [Theory]
    [InlineData("P1,,Jane,STUDENT,,", "last_name", "P1")]
    [InlineData("P1,  ,Jane,STUDENT,,", "last_name", "P1")]
    [InlineData(",Doe,Jane,STUDENT,,", "person_id", null)]
    [InlineData("P1,Doe,Jane,\"\",,", "patron_type", "P1")]
    public async Task An_empty_required_value_rejects_the_row_naming_the_field(string line, string field, string? personId)
    {
        var records = await Csv($"{Header}\n{line}\n").ReadAllAsync();

        var rejection = Assert.IsType<SourceRejection>(Assert.Single(records));
        Assert.Equal((field, "required", personId), (rejection.Field, rejection.Rule, rejection.PersonId));
        Assert.Equal(SourcePosition.Line("students.csv", 2), rejection.Position);
    }

    [Fact]
    public async Task A_row_with_several_problems_names_the_first_column_and_lists_the_others()
    {
        var records = await Csv($"{Header}\nP1,,Jane,,not-a-date,\n").ReadAllAsync();

        var rejection = Assert.IsType<SourceRejection>(Assert.Single(records));
        Assert.Equal(("last_name", "required"), (rejection.Field, rejection.Rule));
        Assert.Contains("Also: patron_type (required), birth_date (date).", rejection.Message);
    }

    [Fact]
    public async Task Every_record_of_a_file_with_every_defect_comes_out_exactly_once()
    {
        var text = "\uFEFF" + Header + "\r\n"                  // 1 (BOM written as text: the reader strips it)
            + "P1,Doe,Jane,STUDENT,2001-02-03,a@x.edu\r\n"       // 2 row
            + "P2,\"Roe\r\nSmith\",Rick,STAFF,,\r\n"             // 3-4 row (quoted line break)
            + "P3,Poe,Edgar\r\n"                                 // 5 column-count
            + "P4,Lee,Ann,STUDENT,2001-13-01,\r\n"               // 6 date
            + "\r\n"                                             // 7 blank: not a record
            + "P5,,Bo,STAFF,,\r\n"                               // 8 required
            + "P6,Ki\"m,Bo,STAFF,,\r\n"                          // 9 csv-format (misplaced quote)
            + "P7,\"Unclosed,Bo,STAFF,,\r\n"                     // 10 csv-format (unclosed quote)
            + "P8,Park,Jin,FACULTY,,\r\n"                        // 11 row
            + ",Nobody,Al,STAFF,,\r\n"                           // 12 required person_id
            + "P9,\"Last, Row\",Zed,STUDENT,,z@x.edu";           // 13 row, no final line end
        var records = await Csv(text).ReadAllAsync();

        Assert.Equal(10, records.Count); // lines 2-13: 11 that are not blank, P2 spans two of them
        Assert.Equal(["P1", "P2", "P8", "P9"], records.Rows().Select(row => row.PersonId));
        Assert.Equal([2L, 3L, 11L, 13L], records.Rows().Select(row => row.Position.Number));
        Assert.Equal(
            ["5:column-count:", "6:date:birth_date", "8:required:last_name", "9:csv-format:", "10:csv-format:", "12:required:person_id"],
            records.Rejections().Summaries());
        Assert.Equal(["P3", "P4", "P5", "P6", "P7", null], records.Rejections().Select(rejection => rejection.PersonId));
        Assert.Equal(records.Count, records.Rows().Count + records.Rejections().Count);
        Assert.Equal(records.Select(record => record.Position.Number).Order(), records.Select(record => record.Position.Number));
    }

    [Fact]
    public async Task Reading_stops_when_cancelled()
    {
        var source = Csv($"{Header}\nP1,Doe,Jane,STUDENT,,\nP2,Roe,Rick,STAFF,,\n");
        using var cancellation = new CancellationTokenSource();
        var seen = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var record in source.ReadAsync(cancellation.Token))
            {
                seen.Add(((PatronRow)record).PersonId);
                cancellation.Cancel();
            }
        });

        Assert.Equal(["P1"], seen);
    }

    [Fact]
    public async Task Reading_twice_gives_the_same_records()
    {
        var source = Csv($"{Header}\nP1,Doe,Jane,STUDENT,,\nP2,\"Roe,Rick,STAFF,,\nP3,Poe,Edgar,FACULTY,,\n");

        var first = await source.ReadAllAsync();
        var second = await source.ReadAllAsync();

        Assert.Equal(first, second);
        Assert.Equal(3, first.Count);
    }
}
