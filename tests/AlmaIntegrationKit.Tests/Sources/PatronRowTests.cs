using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Tests.Sources;

public sealed class PatronRowTests
{
    private static readonly SourcePosition Position = SourcePosition.Line("students.csv", 2);

    [Fact]
    public void Text_values_are_trimmed_and_empty_ones_become_null()
    {
        var row = new PatronRow { Position = Position, PersonId = " P1 ", LastName = "Doe\t", PatronType = "STUDENT", Email = "  ", City = " Springfield " };

        Assert.Equal(("P1", "Doe", "STUDENT"), (row.PersonId, row.LastName, row.PatronType));
        Assert.Null(row.Email);
        Assert.Equal("Springfield", row.City);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_required_value_cannot_be_empty(string empty)
    {
        var exception = Assert.Throws<ArgumentException>(() => new PatronRow { Position = Position, PersonId = "P1", LastName = empty, PatronType = "STUDENT" });

        Assert.Equal("last_name", exception.ParamName);
    }

    [Fact]
    public void Positions_say_what_they_count()
    {
        Assert.Equal("students.csv line 12", SourcePosition.Line("students.csv", 12).ToString());
        Assert.Equal("extract.sql row 3", SourcePosition.Row("extract.sql", 3).ToString());
    }

    [Fact]
    public void Canonical_columns_are_the_twenty_of_the_design_then_the_optional_ones_in_order()
    {
        Assert.Equal(
            "person_id, login_id, barcode, first_name, middle_name, last_name, preferred_first_name, email, phone, address_line1, "
            + "address_line2, city, state, postal_code, country, patron_type, campus, term_end_date, birth_date, status, "
            + "preferred_middle_name, preferred_last_name, job_description, preferred_language, work_address_line1, work_address_line2, "
            + "work_city, work_state, work_postal_code, work_country, work_email, work_phone, additional_barcodes, statistical_categories, note",
            string.Join(", ", PatronColumns.All));
        Assert.Equal(PatronColumns.All.Skip(20), PatronColumns.Optional);
        Assert.Equal(["person_id", "last_name", "patron_type"], PatronColumns.Required);
        Assert.Equal(5, PatronColumns.OrdinalOf(" LAST_NAME "));
        Assert.Equal(-1, PatronColumns.OrdinalOf("surname"));
    }
}
