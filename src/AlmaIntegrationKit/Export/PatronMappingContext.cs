namespace AlmaIntegrationKit.Export;

/// <summary>What the pipeline already knows about a row when it asks the college's mapper for the user.</summary>
/// <param name="RunDate">The date of the run.</param>
/// <param name="Rule">The user-group rule of the row's patron type.</param>
/// <param name="ExpiryDate">The row's term end date (or the run date) plus the rule's expiry duration.</param>
/// <param name="PurgeDate">The expiry date plus the rule's purge duration.</param>
public sealed record PatronMappingContext(DateOnly RunDate, UserGroupRule Rule, DateOnly ExpiryDate, DateOnly PurgeDate)
{
    /// <summary>The user group to send: the rule's Alma code with its label.</summary>
    public AlmaCode UserGroup => new(Rule.AlmaCode, Rule.AlmaDesc);

    /// <summary>The values the settings give for every user of the feed (<see cref="ExportOptions.Constants"/>).</summary>
    public FeedConstants Feed { get; init; } = FeedConstants.None;
}
