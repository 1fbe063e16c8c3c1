using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Tests.Sources;

/// <summary>The optional canonical columns, and every other column of a CSV file reaching the mapper by name.</summary>
public sealed class SourceColumnsTests : IDisposable
{
    private const string WideHeader =
        "person_id,last_name,patron_type,preferred_middle_name,preferred_last_name,job_description,preferred_language,"
        + "work_address_line1,work_address_line2,work_city,work_state,work_postal_code,work_country,work_email,work_phone,"
        + "additional_barcodes,statistical_categories,note,Major,enrolled_on,programs,shoe_size";

    private const string WideLine =
        "P1,Doe,UG,Ann,Smith-Doe,Lab assistant,en,1 College Way,Room 4,Springfield,IL,62701,US,jdoe@work.example.edu,555-0199,"
        + " B2 | B3 ||,\"FT|DEPT:HIST\",\"Prefers email, not phone\", History ,2024-09-01,BIO|CHEM ,42";

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private CsvPatronSource Csv(string text) => new(_folder.Write("students.csv", text));

    [Fact]
    public async Task The_optional_canonical_columns_fill_their_properties()
    {
        var row = Assert.Single((await Csv($"{WideHeader}\n{WideLine}\n").ReadAllAsync()).Rows());

        Assert.Equal(("Ann", "Smith-Doe", "Lab assistant", "en"), (row.PreferredMiddleName, row.PreferredLastName, row.JobDescription, row.PreferredLanguage));
        Assert.Equal(("1 College Way", "Room 4", "Springfield", "IL", "62701", "US"),
            (row.WorkAddressLine1, row.WorkAddressLine2, row.WorkCity, row.WorkState, row.WorkPostalCode, row.WorkCountry));
        Assert.Equal(("jdoe@work.example.edu", "555-0199"), (row.WorkEmail, row.WorkPhone));
        Assert.Equal("B2 | B3 ||", row.AdditionalBarcodes);
        Assert.Equal(["B2", "B3"], row.List(PatronColumns.AdditionalBarcodes));
        Assert.Equal(["FT", "DEPT:HIST"], row.List(PatronColumns.StatisticalCategories));
        Assert.Equal("Prefers email, not phone", row.Note);
    }

    [Fact]
    public async Task Other_columns_are_read_by_name_as_text_dates_and_lists()
    {
        var source = Csv($"{WideHeader}\n{WideLine}\n");
        var row = Assert.Single((await source.ReadAllAsync()).Rows());

        Assert.Equal("History", row["major"]);
        Assert.Equal("History", row[" MAJOR "]);
        Assert.Equal(new DateOnly(2024, 9, 1), row.Date("enrolled_on"));
        Assert.Equal(["BIO", "CHEM"], row.List("programs"));
        Assert.Equal("Doe", row["last_name"]);
        Assert.True(row.HasColumn("Major"));
        Assert.True(row.HasColumn("birth_date"));
        Assert.False(row.HasColumn("minor"));
        Assert.Equal(["Major", "enrolled_on", "programs", "shoe_size"], source.LastReadColumns!.OtherColumns);
        Assert.Equal(["shoe_size"], source.LastReadColumns.Unread());
        Assert.Equal(
            "students.csv: the mapper never read the column \"shoe_size\"; they were not sent. Rename a column that should be canonical, "
            + "read it in PatronMapper.cs (row[\"name\"]), or drop it from the extract.",
            source.LastReadColumns.DescribeUnread());
    }

    [Fact]
    public async Task A_header_typo_is_listed_with_the_canonical_column_it_nearly_spells()
    {
        var source = Csv("person_id,last_name,patron_type,prefered_last_name\nP1,Doe,UG,Smith\n");
        var row = Assert.Single((await source.ReadAllAsync()).Rows());

        Assert.Null(row.PreferredLastName);
        Assert.Contains("\"prefered_last_name\" (did you mean \"preferred_last_name\"?)", source.LastReadColumns!.DescribeUnread());
    }

    [Fact]
    public async Task A_column_the_source_does_not_have_names_the_row_and_the_nearest_column()
    {
        var row = Assert.Single((await Csv($"{WideHeader}\n{WideLine}\n").ReadAllAsync()).Rows());

        var exception = Assert.Throws<KeyNotFoundException>(() => row["majr"]);

        Assert.StartsWith("students.csv line 2: the source has no column \"majr\" (did you mean \"Major\"?)", exception.Message);
    }

    [Fact]
    public async Task A_value_that_is_not_a_date_names_the_row_the_column_and_the_value()
    {
        var row = Assert.Single((await Csv("person_id,last_name,patron_type,enrolled_on\nP1,Doe,UG,09/01/2024\n").ReadAllAsync()).Rows());

        var exception = Assert.Throws<FormatException>(() => row.Date("enrolled_on"));

        Assert.Equal("students.csv line 2: enrolled_on \"09/01/2024\" is not a date in the form yyyy-MM-dd.", exception.Message);
    }

    [Fact]
    public async Task A_feed_with_only_the_original_columns_has_no_other_columns_and_nothing_to_list()
    {
        var source = Csv("person_id,last_name,patron_type\nP1,Doe,UG\n");
        var row = Assert.Single((await source.ReadAllAsync()).Rows());

        Assert.Null(row.WorkEmail);
        Assert.Empty(row.List(PatronColumns.AdditionalBarcodes));
        Assert.Empty(row.OtherValues);
        Assert.Empty(source.LastReadColumns!.OtherColumns);
        Assert.Null(source.LastReadColumns.DescribeUnread());
    }

    [Fact]
    public async Task The_span_reader_and_csvhelper_give_equal_rows_with_other_columns()
    {
        // A misplaced quote on line 3 hands the rest of the file to CsvHelper: rows on both sides of it are compared.
        var text = $"{WideHeader}\n{WideLine}\nP2,Roe,UG,,,,,,,,,,,,,,,x\"y\"z,Art,,,1\n{WideLine.Replace("P1,", "P3,", StringComparison.Ordinal)}\n";
        var path = _folder.Write("mixed.csv", text);

        var expected = await new CsvPatronSource(path) { CsvHelperOnly = true }.ReadAllAsync();
        var actual = await new CsvPatronSource(path).ReadAllAsync();

        Assert.Equal(expected, actual);
        Assert.Equal(["History", "History"], actual.Rows().Select(row => row["major"]));
    }

    [Fact]
    public void A_row_built_by_hand_can_carry_other_columns_for_a_mappers_tests()
    {
        var row = new PatronRow
        {
            Position = SourcePosition.Line("test", 1),
            PersonId = "P1",
            LastName = "Doe",
            PatronType = "UG",
            OtherValues = new Dictionary<string, string?> { ["major"] = " History ", ["minor"] = "" },
        };

        Assert.Equal("History", row["major"]);
        Assert.Null(row["minor"]);
        Assert.Equal(2, row.OtherValues.Count);
    }
}
