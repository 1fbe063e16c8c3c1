namespace AlmaIntegrationKit.Reports;

// The charts of the run report, laid out in pixels so that a template draws them as inline SVG with loops and no
// arithmetic: every coordinate is an integer of the chart's own coordinate system (0,0 top left, width x height).

/// <summary>A horizontal bar chart: one labelled bar per item, lengths in proportion to the largest value.</summary>
/// <param name="Width">The chart's width in pixels.</param>
/// <param name="Height">The chart's height in pixels.</param>
/// <param name="LabelX">Where the labels end (they are right-aligned there, left of the bars).</param>
/// <param name="Bars">The bars, top to bottom.</param>
internal sealed record ReportBarChart(int Width, int Height, int LabelX, IReadOnlyList<ReportBar> Bars);

/// <summary>One bar of a <see cref="ReportBarChart"/>.</summary>
/// <param name="Label">The item, e.g. a user group code or a rule code.</param>
/// <param name="Note">Words beside the label, e.g. the rule's plain-language name; may be empty.</param>
/// <param name="Value">The value the bar stands for.</param>
/// <param name="X">The bar's left edge.</param>
/// <param name="Y">The bar's top edge.</param>
/// <param name="Width">The bar's length (at least 1 for a value above 0; 0 for 0).</param>
/// <param name="Height">The bar's thickness.</param>
/// <param name="TextY">The baseline of the label and value texts on its row.</param>
/// <param name="ValueX">Where the value text starts, right of the bar.</param>
internal sealed record ReportBar(string Label, string Note, long Value, int X, int Y, int Width, int Height, int TextY, int ValueX);

/// <summary>The last runs from the state file as small column charts, one panel per series, oldest run on the left.</summary>
/// <param name="Width">The chart's width in pixels.</param>
/// <param name="Height">The chart's height in pixels.</param>
/// <param name="Runs">How many runs are shown.</param>
/// <param name="FirstDate">The first run's date (<c>yyyy-MM-dd</c>, UTC), under the left end; empty without runs.</param>
/// <param name="LastDate">The last run's date.</param>
/// <param name="LastX">The right edge of the last run's column, where <paramref name="LastDate"/> ends.</param>
/// <param name="AxisY">The baseline of the dates under the panels.</param>
/// <param name="Panels">One panel per series: written, rejected, leavers.</param>
internal sealed record ReportHistoryChart(int Width, int Height, int Runs, string FirstDate, string LastDate, int LastX, int AxisY, IReadOnlyList<ReportHistoryPanel> Panels);

/// <summary>One series of a <see cref="ReportHistoryChart"/>, scaled to its own largest value.</summary>
/// <param name="Name">The series: <c>written</c>, <c>rejected</c> or <c>leavers</c>.</param>
/// <param name="Max">Its largest value among the runs shown.</param>
/// <param name="Top">The panel's top edge.</param>
/// <param name="BaseY">The panel's baseline, where the columns stand.</param>
/// <param name="LabelY">The baseline of the panel's name.</param>
/// <param name="Columns">One column per run, oldest first.</param>
internal sealed record ReportHistoryPanel(string Name, long Max, int Top, int BaseY, int LabelY, IReadOnlyList<ReportColumn> Columns);

/// <summary>One run in a <see cref="ReportHistoryPanel"/>.</summary>
/// <param name="RunName">The run.</param>
/// <param name="StartedUtc">When it started, <c>yyyy-MM-dd HH:mm:ss UTC</c>.</param>
/// <param name="Placed">Whether it placed its files (aborted runs are drawn in another colour).</param>
/// <param name="Current">Whether it is the run of this report.</param>
/// <param name="Value">The series' value for the run.</param>
/// <param name="X">The column's left edge.</param>
/// <param name="Y">The column's top edge.</param>
/// <param name="Width">The column's width.</param>
/// <param name="Height">The column's height (at least 1 for a value above 0; 0 for 0).</param>
internal sealed record ReportColumn(string RunName, string StartedUtc, bool Placed, bool Current, long Value, int X, int Y, int Width, int Height);

/// <summary>One of the last runs from the state file, for the table under the history chart.</summary>
/// <param name="RunName">Its name.</param>
/// <param name="StartedUtc">When it started, <c>yyyy-MM-dd HH:mm:ss UTC</c>.</param>
/// <param name="StartedLocal">The same in the report's time zone, e.g. <c>2030-01-16 03:00:00 UTC+01:00</c>.</param>
/// <param name="Mode"><c>full</c> or <c>delta</c>.</param>
/// <param name="Placed">Whether it placed its files.</param>
/// <param name="Current">Whether it is the run of this report.</param>
/// <param name="Written">Users written.</param>
/// <param name="Rejected">Rows rejected.</param>
/// <param name="Leavers">Leavers sent as INACTIVE.</param>
internal sealed record ReportHistoryRun(string RunName, string StartedUtc, string StartedLocal, string Mode, bool Placed, bool Current,
    long Written, long Rejected, long Leavers);
