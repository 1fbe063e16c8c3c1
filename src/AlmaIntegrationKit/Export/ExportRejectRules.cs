namespace AlmaIntegrationKit.Export;

/// <summary>
/// The rules the export pipeline itself rejects records by. Rejections also carry the rules of the source
/// (<see cref="Sources.SourceRejectionRules"/>) and of the generated validator (<see cref="ValidationRules"/>).
/// </summary>
public static class ExportRejectRules
{
    /// <summary>The row's patron_type is not an SIS code of the user-group mapping file.</summary>
    public const string UnknownPatronType = "unknown-patron-type";

    /// <summary>The record lacks the integration profile's Match ID.</summary>
    public const string MatchIdMissing = "match-id-missing";

    /// <summary>The primary_id or an identifier value is already used by another person of the feed.</summary>
    public const string DuplicateId = "duplicate-id";

    /// <summary>The college's mapper threw for the row.</summary>
    public const string MappingFailed = "mapping-failed";
}
