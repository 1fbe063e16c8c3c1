namespace AlmaIntegrationKit.Sources;

/// <summary>What the number of a <see cref="SourcePosition"/> counts.</summary>
public enum SourcePositionKind
{
    /// <summary>The physical line (1-based) of a text file on which the record starts; the header is line 1.</summary>
    Line,

    /// <summary>The row (1-based) of a query result.</summary>
    Row,
}

/// <summary>Where a record came from: the name of its source and its line or row there.</summary>
/// <param name="SourceName">The source, e.g. the file name <c>students.csv</c> or the query file <c>banner-extract.sql</c>.</param>
/// <param name="Kind">Whether <paramref name="Number"/> is a line of a file or a row of a query result.</param>
/// <param name="Number">The 1-based line or row number.</param>
public readonly record struct SourcePosition(string SourceName, SourcePositionKind Kind, long Number)
{
    /// <summary>The physical line of a text file on which a record starts.</summary>
    public static SourcePosition Line(string sourceName, long line) => new(sourceName, SourcePositionKind.Line, line);

    /// <summary>The row of a query result.</summary>
    public static SourcePosition Row(string sourceName, long row) => new(sourceName, SourcePositionKind.Row, row);

    /// <inheritdoc />
    public override string ToString() => $"{SourceName} {(Kind == SourcePositionKind.Line ? "line" : "row")} {Number}";
}
