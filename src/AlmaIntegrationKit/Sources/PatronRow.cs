namespace AlmaIntegrationKit.Sources;

/// <summary>
/// One person as every source produces it: the canonical patron row, with where it came from.
/// Text values are trimmed and an empty value is null; person_id, last_name and patron_type are never empty.
/// The source's other columns are read by name: <c>row["major"]</c>, <see cref="Date(string)"/>, <see cref="List(string)"/>.
/// </summary>
public sealed partial record PatronRow : SourceRecord
{
    /// <summary><c>person_id</c>: the SIS identifier of the person.</summary>
    public required string PersonId { get; init => field = PatronText.Required(value, PatronColumns.PersonId); }

    /// <summary><c>login_id</c>.</summary>
    public string? LoginId { get; init => field = PatronText.Clean(value); }

    /// <summary><c>barcode</c>.</summary>
    public string? Barcode { get; init => field = PatronText.Clean(value); }

    /// <summary><c>first_name</c>.</summary>
    public string? FirstName { get; init => field = PatronText.Clean(value); }

    /// <summary><c>middle_name</c>.</summary>
    public string? MiddleName { get; init => field = PatronText.Clean(value); }

    /// <summary><c>last_name</c>.</summary>
    public required string LastName { get; init => field = PatronText.Required(value, PatronColumns.LastName); }

    /// <summary><c>preferred_first_name</c>.</summary>
    public string? PreferredFirstName { get; init => field = PatronText.Clean(value); }

    /// <summary><c>email</c>.</summary>
    public string? Email { get; init => field = PatronText.Clean(value); }

    /// <summary><c>phone</c>.</summary>
    public string? Phone { get; init => field = PatronText.Clean(value); }

    /// <summary><c>address_line1</c>.</summary>
    public string? AddressLine1 { get; init => field = PatronText.Clean(value); }

    /// <summary><c>address_line2</c>.</summary>
    public string? AddressLine2 { get; init => field = PatronText.Clean(value); }

    /// <summary><c>city</c>.</summary>
    public string? City { get; init => field = PatronText.Clean(value); }

    /// <summary><c>state</c>.</summary>
    public string? State { get; init => field = PatronText.Clean(value); }

    /// <summary><c>postal_code</c>.</summary>
    public string? PostalCode { get; init => field = PatronText.Clean(value); }

    /// <summary><c>country</c>.</summary>
    public string? Country { get; init => field = PatronText.Clean(value); }

    /// <summary><c>patron_type</c>: the SIS code the user-group mapping file maps to an Alma user group.</summary>
    public required string PatronType { get; init => field = PatronText.Required(value, PatronColumns.PatronType); }

    /// <summary><c>campus</c>.</summary>
    public string? Campus { get; init => field = PatronText.Clean(value); }

    /// <summary><c>term_end_date</c>.</summary>
    public DateOnly? TermEndDate { get; init; }

    /// <summary><c>birth_date</c>.</summary>
    public DateOnly? BirthDate { get; init; }

    /// <summary><c>status</c>.</summary>
    public string? Status { get; init => field = PatronText.Clean(value); }

    /// <summary><c>preferred_middle_name</c>.</summary>
    public string? PreferredMiddleName { get; init => field = PatronText.Clean(value); }

    /// <summary><c>preferred_last_name</c>.</summary>
    public string? PreferredLastName { get; init => field = PatronText.Clean(value); }

    /// <summary><c>job_description</c>.</summary>
    public string? JobDescription { get; init => field = PatronText.Clean(value); }

    /// <summary><c>preferred_language</c>: a code of Alma's UserPreferredLanguage table, e.g. <c>en</c>.</summary>
    public string? PreferredLanguage { get; init => field = PatronText.Clean(value); }

    /// <summary><c>work_address_line1</c>.</summary>
    public string? WorkAddressLine1 { get; init => field = PatronText.Clean(value); }

    /// <summary><c>work_address_line2</c>.</summary>
    public string? WorkAddressLine2 { get; init => field = PatronText.Clean(value); }

    /// <summary><c>work_city</c>.</summary>
    public string? WorkCity { get; init => field = PatronText.Clean(value); }

    /// <summary><c>work_state</c>.</summary>
    public string? WorkState { get; init => field = PatronText.Clean(value); }

    /// <summary><c>work_postal_code</c>.</summary>
    public string? WorkPostalCode { get; init => field = PatronText.Clean(value); }

    /// <summary><c>work_country</c>.</summary>
    public string? WorkCountry { get; init => field = PatronText.Clean(value); }

    /// <summary><c>work_email</c>.</summary>
    public string? WorkEmail { get; init => field = PatronText.Clean(value); }

    /// <summary><c>work_phone</c>.</summary>
    public string? WorkPhone { get; init => field = PatronText.Clean(value); }

    /// <summary><c>additional_barcodes</c>, as the source has it: values separated by <c>|</c>; <see cref="List(string)"/> splits them.</summary>
    public string? AdditionalBarcodes { get; init => field = PatronText.Clean(value); }

    /// <summary>
    /// <c>statistical_categories</c>, as the source has it: values separated by <c>|</c>, each <c>CATEGORY</c> or
    /// <c>TYPE:CATEGORY</c>; <see cref="List(string)"/> splits them.
    /// </summary>
    public string? StatisticalCategories { get; init => field = PatronText.Clean(value); }

    /// <summary><c>note</c>: a note for library staff.</summary>
    public string? Note { get; init => field = PatronText.Clean(value); }
}
