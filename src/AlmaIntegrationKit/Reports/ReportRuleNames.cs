using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Reports;

/// <summary>
/// The plain-language name of each reject rule code the runtime and the generated validator use, for reports read by
/// people who do not know the codes (<c>duplicate-id</c>: "ID already used by another person").
/// </summary>
internal static class ReportRuleNames
{
    // One entry per constant of ExportRejectRules, SourceRejectionRules and ValidationRules; the tests check none is missing.
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        [ExportRejectRules.UnknownPatronType] = "Patron type not in the user-group mapping",
        [ExportRejectRules.MatchIdMissing] = "Match ID missing",
        [ExportRejectRules.DuplicateId] = "ID already used by another person",
        [ExportRejectRules.MappingFailed] = "The college's mapping code failed",
        [ExportRejectRules.PrimaryIdReassigned] = "primary_id delivered before for another person",
        [ExportRejectRules.IdentifierReassigned] = "Identifier delivered before for another person",
        [ExportRejectRules.UnknownStatus] = "Status neither ACTIVE nor INACTIVE, nor mapped",
        [ExportRejectRules.DateOutOfRange] = "Date beyond what can be sent",
        [ExportRejectRules.ExpiredActive] = "ACTIVE, but the expiry date has passed",
        [SourceRejectionRules.CsvFormat] = "Line is not valid CSV",
        [SourceRejectionRules.FieldTooLong] = "Field too long to read",
        [SourceRejectionRules.ColumnCount] = "Wrong number of columns",
        [SourceRejectionRules.Required] = "Required value empty",
        [SourceRejectionRules.Date] = "Date not in the form yyyy-MM-dd",
        [SourceRejectionRules.ValueType] = "Database value of the wrong type",
        [SourceRejectionRules.Encoding] = "Bytes that are not valid UTF-8",
        [ValidationRules.MaxLength] = "Value too long for Alma",
        [ValidationRules.MinLength] = "Value too short for Alma",
        [ValidationRules.XmlCharacter] = "Character Alma cannot load",
        [ValidationRules.DataType] = "Value of the wrong type",
        [ValidationRules.Structure] = "Element not allowed here",
        [ValidationRules.SinglePreferred] = "More than one preferred address, email or phone",
        [ValidationRules.IdentifierUnique] = "Same identifier value twice",
        [ValidationRules.PurgeBeforeExpiry] = "Purge date before expiry date",
        [ValidationRules.IgnoredBySis] = "Field the SIS load ignores",
        [ValidationRules.UnknownUserGroup] = "User group not in the mapping",
        [ValidationRules.Email] = "Email address that cannot be delivered to",
    };

    /// <summary>The rule codes that have a plain-language name.</summary>
    public static IReadOnlyCollection<string> Codes => Names.Keys;

    /// <summary>The plain-language name of <paramref name="rule"/>, or the code itself for a rule this runtime does not know.</summary>
    public static string Describe(string rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return Names.TryGetValue(rule, out var name) ? name : rule;
    }
}
