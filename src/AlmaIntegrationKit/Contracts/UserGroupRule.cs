namespace AlmaIntegrationKit;

/// <summary>One row of the college's <c>alma-user-groups.csv</c>: how one SIS patron type becomes an Alma user group.</summary>
/// <param name="SisCode">The patron type code the SIS extract produces.</param>
/// <param name="AlmaCode">The Alma user group code.</param>
/// <param name="AlmaDesc">Its label, sent as the <c>desc</c> attribute.</param>
/// <param name="Weight">A person found in several rows keeps the group with the highest weight.</param>
/// <param name="Expiry">Added to the term end date (or the run date) to give the expiry date.</param>
/// <param name="Purge">Added to the expiry date to give the purge date.</param>
/// <param name="Campus">Default campus code, when the row has none.</param>
public sealed record UserGroupRule(
    string SisCode,
    string AlmaCode,
    string? AlmaDesc,
    int Weight,
    IsoPeriod Expiry,
    IsoPeriod Purge,
    string? Campus)
{
    /// <summary>The expiry date for a row whose term ends on <paramref name="termEnd"/>, run on <paramref name="runDate"/>.</summary>
    public DateOnly ExpiryDate(DateOnly? termEnd, DateOnly runDate) => Expiry.AddTo(termEnd ?? runDate);

    /// <summary>The purge date that follows <paramref name="expiryDate"/>.</summary>
    public DateOnly PurgeDate(DateOnly expiryDate) => Purge.AddTo(expiryDate);
}

/// <summary>The college's user-group mapping, generated from <c>alma-user-groups.csv</c> at compile time.</summary>
internal interface IUserGroupMap
{
    /// <summary>Every rule, in file order.</summary>
    IReadOnlyList<UserGroupRule> Rules { get; }

    /// <summary>The rule for an SIS patron type (compared case-insensitively).</summary>
    bool TryGetBySisCode(string sisCode, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out UserGroupRule? rule);

    /// <summary>Whether <paramref name="almaCode"/> is one of the mapping's Alma user group codes (exact, as Alma compares codes).</summary>
    bool IsAlmaCode(string almaCode);
}
