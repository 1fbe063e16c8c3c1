namespace AlmaIntegrationKit.Export;

/// <summary>
/// Values a college sends the same for every user of a feed, from its settings (<c>Export:PreferredLanguage</c>,
/// <c>Export:RsLibraries</c>); the mapper reads them from <see cref="PatronMappingContext.Feed"/>, so a row's own
/// value can still win.
/// </summary>
public sealed record FeedConstants
{
    /// <summary>No constants: every value comes from the rows.</summary>
    public static FeedConstants None { get; } = new();

    /// <summary>
    /// The <c>preferred_language</c> code (Alma code table UserPreferredLanguage, e.g. <c>en</c>) for users whose row
    /// has none; null to send none.
    /// </summary>
    public string? PreferredLanguage { get; init; }

    /// <summary>The resource-sharing library codes (<c>rs_libraries/rs_library/code</c>) every user gets; empty for none.</summary>
    public IReadOnlyList<string> RsLibraries { get; init; } = [];
}
