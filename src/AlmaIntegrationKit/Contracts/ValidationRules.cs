namespace AlmaIntegrationKit;

/// <summary>The names of the rules a <see cref="ValidationIssue"/> can report. Stable: reports and reject files use them.</summary>
public static class ValidationRules
{
    /// <summary>A required element is missing or empty.</summary>
    public const string Required = "required";

    /// <summary>A value is longer than its <c>xs:maxLength</c> facet.</summary>
    public const string MaxLength = "max-length";

    /// <summary>A value is shorter than its <c>xs:minLength</c> facet.</summary>
    public const string MinLength = "min-length";

    /// <summary>A value holds a character XML 1.0 cannot carry; Alma aborts the whole job on one.</summary>
    public const string XmlCharacter = "xml-character";

    /// <summary>A date, date-time, number or boolean that does not parse as its XML Schema type (reading files).</summary>
    public const string DataType = "data-type";

    /// <summary>An element the schema does not allow at that place, or one that appears too often (reading files).</summary>
    public const string Structure = "structure";

    /// <summary>More than one address, email or phone is marked preferred.</summary>
    public const string SinglePreferred = "single-preferred";

    /// <summary>Two identifiers of one user carry the same value.</summary>
    public const string IdentifierUnique = "identifier-unique";

    /// <summary>The purge date is before the expiry date.</summary>
    public const string PurgeBeforeExpiry = "purge-before-expiry";

    /// <summary>A field is set that the SIS load ignores (it comes from the integration profile or is output only).</summary>
    public const string IgnoredBySis = "ignored-by-sis";

    /// <summary>The user group is not one of the Alma codes in the mapping file.</summary>
    public const string UnknownUserGroup = "unknown-user-group";

    /// <summary>An email address that cannot be delivered to.</summary>
    public const string Email = "email";
}
