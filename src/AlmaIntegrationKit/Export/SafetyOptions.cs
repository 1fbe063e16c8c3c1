namespace AlmaIntegrationKit.Export;

/// <summary>The thresholds that abort a run before anything is placed for upload (<c>Safety:*</c>).</summary>
internal sealed record SafetyOptions
{
    /// <summary>Abort when more than this percentage of the rows read is rejected. Default 5.</summary>
    public double MaxRejectPercent { get; init; } = 5;

    /// <summary>Abort when the feed holds fewer users than the last successful run by more than this percentage. Default 10.</summary>
    public double MaxDropPercent { get; init; } = 10;
}
