using System.Globalization;

namespace AlmaIntegrationKit.Reports;

/// <summary>Lays out the run report's charts (<see cref="ReportBarChart"/>, <see cref="ReportHistoryChart"/>) in pixels.</summary>
internal static class ReportChartBuilder
{
    /// <summary>The most runs the history chart shows.</summary>
    public const int HistoryRuns = 30;

    private const int ChartWidth = 780;
    private const int BarLabelWidth = 420;
    private const int BarAreaWidth = 300;
    private const int BarRow = 24;
    private const int BarThickness = 16;

    private const int HistoryLeft = 90;
    private const int HistoryColumnPitch = 20;
    private const int HistoryColumnWidth = 14;
    private const int PanelHeight = 64;
    private const int PanelGap = 18;

    /// <summary>A bar per item, in the order given, the longest bar standing for the largest value.</summary>
    public static ReportBarChart Bars(IEnumerable<(string Label, string Note, long Value)> items)
    {
        var list = items.ToList();
        var max = list.Count == 0 ? 0 : list.Max(i => i.Value);
        var bars = list.Select((item, index) =>
        {
            var y = 4 + index * BarRow;
            var width = Scale(item.Value, max, BarAreaWidth);
            return new ReportBar(item.Label, item.Note, item.Value, BarLabelWidth + 10, y, width, BarThickness,
                y + BarThickness - 3, BarLabelWidth + 10 + width + 6);
        }).ToList();
        return new ReportBarChart(ChartWidth, 8 + list.Count * BarRow, BarLabelWidth, bars);
    }

    /// <summary>Three panels (written, rejected, leavers) with a column per run of <paramref name="runs"/>, oldest first.</summary>
    public static ReportHistoryChart History(IReadOnlyList<ReportHistoryRun> runs, IReadOnlyList<DateTimeOffset> startedUtc)
    {
        var series = new (string Name, Func<ReportHistoryRun, long> Value)[]
        {
            ("written", r => r.Written), ("rejected", r => r.Rejected), ("leavers", r => r.Leavers),
        };
        var panels = new List<ReportHistoryPanel>();
        for (var s = 0; s < series.Length; s++)
        {
            var (name, value) = series[s];
            var top = 8 + s * (PanelHeight + PanelGap);
            var baseY = top + PanelHeight;
            var max = runs.Count == 0 ? 0 : runs.Max(value);
            var columns = runs.Select((run, index) =>
            {
                var height = Scale(value(run), max, PanelHeight - 14);
                return new ReportColumn(run.RunName, run.StartedUtc, run.Placed, run.Current, value(run),
                    HistoryLeft + index * HistoryColumnPitch, baseY - height, HistoryColumnWidth, height);
            }).ToList();
            panels.Add(new ReportHistoryPanel(name, max, top, baseY, top + 18, columns));
        }

        var axisY = 8 + series.Length * (PanelHeight + PanelGap);
        var width = Math.Max(ChartWidth, HistoryLeft + HistoryRuns * HistoryColumnPitch + 20);
        var lastX = HistoryLeft + Math.Max(0, runs.Count - 1) * HistoryColumnPitch + HistoryColumnWidth;
        return new ReportHistoryChart(width, axisY + 8, runs.Count,
            startedUtc.Count == 0 ? "" : Date(startedUtc[0]), startedUtc.Count == 0 ? "" : Date(startedUtc[^1]), lastX, axisY, panels);
    }

    // In proportion to the largest value, and never invisible for a value above 0.
    private static int Scale(long value, long max, int full) =>
        value <= 0 || max <= 0 ? 0 : Math.Max(1, (int)Math.Round((double)value / max * full, MidpointRounding.AwayFromZero));

    private static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
