namespace AlmaIntegrationKit.Export;

/// <summary>
/// The rules the export pipeline itself rejects records by. Rejections also carry the rules of the source
/// (<see cref="Sources.SourceRejectionRules"/>) and of the generated validator (<see cref="ValidationRules"/>).
/// </summary>
internal static class ExportRejectRules
{
    /// <summary>The row's patron_type is not an SIS code of the user-group mapping file.</summary>
    public const string UnknownPatronType = "unknown-patron-type";

    /// <summary>The record lacks the integration profile's Match ID.</summary>
    public const string MatchIdMissing = "match-id-missing";

    /// <summary>The primary_id or an identifier value is already used by another person of the feed.</summary>
    public const string DuplicateId = "duplicate-id";

    /// <summary>The college's mapper threw for the row.</summary>
    public const string MappingFailed = "mapping-failed";

    /// <summary>A primary_id already delivered to Alma for another person_id (a recycled login); released with <c>state release-id</c>.</summary>
    public const string PrimaryIdReassigned = "primary-id-reassigned";

    /// <summary>An identifier value already delivered to Alma for another person_id; released with <c>state release-id</c>.</summary>
    public const string IdentifierReassigned = "identifier-reassigned";

    /// <summary>A status the SIS sent that is neither ACTIVE nor INACTIVE, nor mapped to one by <c>Export:StatusMap</c>.</summary>
    public const string UnknownStatus = "unknown-status";

    /// <summary>A date that gives an expiry or purge date outside what can be sent (e.g. a term end of 9999-12-31 plus a period).</summary>
    public const string DateOutOfRange = "date-out-of-range";

    /// <summary>An ACTIVE user whose expiry date has passed (a warning unless <c>Export:ExpiredActive</c> says Reject).</summary>
    public const string ExpiredActive = "expired-active";
}
