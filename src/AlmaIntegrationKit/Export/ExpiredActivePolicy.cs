namespace AlmaIntegrationKit.Export;

/// <summary>What the export does with an ACTIVE user whose expiry date is already past (<c>Export:ExpiredActive</c>).</summary>
internal enum ExpiredActivePolicy
{
    /// <summary>Send it, with a warning in rejects.csv's sense of a warning: counted in the report (the default).</summary>
    Warn,

    /// <summary>Reject the row (rule <c>expired-active</c>).</summary>
    Reject,

    /// <summary>Send it without a word.</summary>
    Allow,
}
