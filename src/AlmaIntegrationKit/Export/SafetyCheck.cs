using System.Globalization;
using AlmaIntegrationKit.Results;

namespace AlmaIntegrationKit.Export;

/// <summary>Measures a run against <see cref="SafetyOptions"/>.</summary>
internal static class SafetyCheck
{
    /// <summary>The name of the reject threshold.</summary>
    public const string MaxRejectPercent = "Safety:MaxRejectPercent";

    /// <summary>The name of the drop threshold.</summary>
    public const string MaxDropPercent = "Safety:MaxDropPercent";

    /// <summary>
    /// The verdicts for <paramref name="counts"/>; the drop threshold only when there is a last successful run with
    /// users (<paramref name="lastRunUsers"/>).
    /// </summary>
    public static IReadOnlyList<ThresholdVerdict> Evaluate(ExportCounts counts, long? lastRunUsers, SafetyOptions safety)
    {
        var verdicts = new List<ThresholdVerdict>(2);
        var rejectPercent = counts.RowsRead == 0 ? 0 : counts.Rejected * 100.0 / counts.RowsRead;
        var rejectExceeded = rejectPercent > safety.MaxRejectPercent;
        verdicts.Add(new ThresholdVerdict(MaxRejectPercent, safety.MaxRejectPercent, rejectPercent, rejectExceeded,
            $"{counts.Rejected.ToString(CultureInfo.InvariantCulture)} of {counts.RowsRead.ToString(CultureInfo.InvariantCulture)} rows rejected ({Percent(rejectPercent)}); the limit is {Percent(safety.MaxRejectPercent)}"
            + (rejectExceeded ? ": fix the rejects (see rejects.csv) or run with --force." : ".")));

        if (lastRunUsers is > 0)
        {
            var last = lastRunUsers.Value;
            var dropPercent = Math.Max(0, (last - counts.Users) * 100.0 / last);
            var dropExceeded = dropPercent > safety.MaxDropPercent;
            verdicts.Add(new ThresholdVerdict(MaxDropPercent, safety.MaxDropPercent, dropPercent, dropExceeded,
                $"{counts.Users.ToString(CultureInfo.InvariantCulture)} users against {last.ToString(CultureInfo.InvariantCulture)} in the last successful run (a drop of {Percent(dropPercent)}); the limit is {Percent(safety.MaxDropPercent)}"
                + (dropExceeded ? ": check that the extract is complete, or run with --force." : ".")));
        }

        return verdicts;
    }

    private static string Percent(double value) => value.ToString("0.##", CultureInfo.InvariantCulture) + " %";
}
