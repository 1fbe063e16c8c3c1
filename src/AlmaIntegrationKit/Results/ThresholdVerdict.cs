namespace AlmaIntegrationKit.Results;

/// <summary>How a run measured against one safety threshold.</summary>
/// <param name="Name">The threshold: <c>Safety:MaxRejectPercent</c> or <c>Safety:MaxDropPercent</c>.</param>
/// <param name="LimitPercent">The configured limit.</param>
/// <param name="ActualPercent">What the run measured.</param>
/// <param name="Exceeded">Whether the run went over the limit.</param>
/// <param name="Message">The verdict in words.</param>
internal sealed record ThresholdVerdict(string Name, double LimitPercent, double ActualPercent, bool Exceeded, string Message);
