using System.Collections.Frozen;

namespace AlmaIntegrationKit.Sources;

/// <summary>
/// The columns of the canonical patron row that every extract query and flat file produces, in their
/// canonical order, so that one mapper fits every Student Information System.
/// </summary>
public static class PatronColumns
{
    /// <summary>The SIS identifier of the person (required); the one ID Alma, the SIS and the identity provider agree on.</summary>
    public const string PersonId = "person_id";

    /// <summary>The login name used with SAML or LDAP.</summary>
    public const string LoginId = "login_id";

    /// <summary>The library card barcode.</summary>
    public const string Barcode = "barcode";

    /// <summary>Given name.</summary>
    public const string FirstName = "first_name";

    /// <summary>Middle name.</summary>
    public const string MiddleName = "middle_name";

    /// <summary>Family name (required).</summary>
    public const string LastName = "last_name";

    /// <summary>The name the person prefers to be called by.</summary>
    public const string PreferredFirstName = "preferred_first_name";

    /// <summary>Email address.</summary>
    public const string Email = "email";

    /// <summary>Phone number.</summary>
    public const string Phone = "phone";

    /// <summary>First address line.</summary>
    public const string AddressLine1 = "address_line1";

    /// <summary>Second address line.</summary>
    public const string AddressLine2 = "address_line2";

    /// <summary>City.</summary>
    public const string City = "city";

    /// <summary>State or province.</summary>
    public const string State = "state";

    /// <summary>Postal code.</summary>
    public const string PostalCode = "postal_code";

    /// <summary>Country.</summary>
    public const string Country = "country";

    /// <summary>The SIS patron type code that the user-group mapping file maps to an Alma user group (required).</summary>
    public const string PatronType = "patron_type";

    /// <summary>Campus code.</summary>
    public const string Campus = "campus";

    /// <summary>The end of the person's current term (<c>yyyy-MM-dd</c>); the expiry is computed from it.</summary>
    public const string TermEndDate = "term_end_date";

    /// <summary>Date of birth (<c>yyyy-MM-dd</c>).</summary>
    public const string BirthDate = "birth_date";

    /// <summary>The SIS status of the person, e.g. active or inactive.</summary>
    public const string Status = "status";

    /// <summary>Preferred middle name (optional column).</summary>
    public const string PreferredMiddleName = "preferred_middle_name";

    /// <summary>Preferred family name (optional column).</summary>
    public const string PreferredLastName = "preferred_last_name";

    /// <summary>Job title or description, free text (optional column).</summary>
    public const string JobDescription = "job_description";

    /// <summary>Preferred language, a code of Alma's UserPreferredLanguage table such as <c>en</c> (optional column).</summary>
    public const string PreferredLanguage = "preferred_language";

    /// <summary>First line of the work address (optional column).</summary>
    public const string WorkAddressLine1 = "work_address_line1";

    /// <summary>Second line of the work address (optional column).</summary>
    public const string WorkAddressLine2 = "work_address_line2";

    /// <summary>City of the work address (optional column).</summary>
    public const string WorkCity = "work_city";

    /// <summary>State or province of the work address (optional column).</summary>
    public const string WorkState = "work_state";

    /// <summary>Postal code of the work address (optional column).</summary>
    public const string WorkPostalCode = "work_postal_code";

    /// <summary>Country of the work address (optional column).</summary>
    public const string WorkCountry = "work_country";

    /// <summary>Work email address (optional column).</summary>
    public const string WorkEmail = "work_email";

    /// <summary>Work (office) phone number (optional column).</summary>
    public const string WorkPhone = "work_phone";

    /// <summary>More library card barcodes, separated by <c>|</c> (optional column).</summary>
    public const string AdditionalBarcodes = "additional_barcodes";

    /// <summary>Statistical categories, separated by <c>|</c>, each <c>CATEGORY</c> or <c>TYPE:CATEGORY</c> (optional column).</summary>
    public const string StatisticalCategories = "statistical_categories";

    /// <summary>A note for library staff (optional column).</summary>
    public const string Note = "note";

    /// <summary>The separator of the values of a list column, such as <see cref="AdditionalBarcodes"/>.</summary>
    public const char ListSeparator = '|';

    /// <summary>Every canonical column, in canonical order: the original twenty, then the optional ones.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        PersonId, LoginId, Barcode, FirstName, MiddleName, LastName, PreferredFirstName, Email, Phone,
        AddressLine1, AddressLine2, City, State, PostalCode, Country, PatronType, Campus, TermEndDate,
        BirthDate, Status,
        PreferredMiddleName, PreferredLastName, JobDescription, PreferredLanguage, WorkAddressLine1, WorkAddressLine2,
        WorkCity, WorkState, WorkPostalCode, WorkCountry, WorkEmail, WorkPhone, AdditionalBarcodes,
        StatisticalCategories, Note,
    ];

    /// <summary>The optional columns added after the original twenty; a feed may carry none, some or all of them.</summary>
    internal static IReadOnlyList<string> Optional { get; } = All.Skip(20).ToArray();

    /// <summary>The columns a source must provide and every row must fill.</summary>
    public static IReadOnlyList<string> Required { get; } = [PersonId, LastName, PatronType];

    /// <summary>The columns that hold dates (<c>yyyy-MM-dd</c> in text sources).</summary>
    internal static IReadOnlyList<string> Dates { get; } = [TermEndDate, BirthDate];

    /// <summary>Whether <paramref name="column"/> (a canonical name) must be present and filled.</summary>
    internal static bool IsRequired(string column) => Required.Contains(column, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="column"/> (a canonical name) holds a date.</summary>
    internal static bool IsDate(string column) => Dates.Contains(column, StringComparer.OrdinalIgnoreCase);

    /// <summary>The position of <paramref name="column"/> in <see cref="All"/>, or -1 when it is not canonical.</summary>
    /// <remarks>Names are compared case-insensitively after trimming, as sources do.</remarks>
    internal static int OrdinalOf(string column) => OrdinalByName.TryGetValue(column.Trim(), out var ordinal) ? ordinal : -1;

    private static readonly FrozenDictionary<string, int> OrdinalByName =
        All.Select((name, ordinal) => KeyValuePair.Create(name, ordinal)).ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
}
