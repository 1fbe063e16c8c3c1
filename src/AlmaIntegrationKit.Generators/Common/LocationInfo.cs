using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AlmaIntegrationKit.Generators.Common;

/// <summary>A place in an additional file, as plain data; becomes a <see cref="Location"/> only when reported.</summary>
internal readonly record struct LocationInfo(string FilePath, int Start, int Length, int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>1-based line and column, as XML readers and CSV parsers count, turned into a span of <paramref name="text"/>.</summary>
    public static LocationInfo FromLineColumn(string filePath, SourceText text, int line, int column, int length)
    {
        if (text.Lines.Count == 0)
            return new LocationInfo(filePath, 0, 0, 0, 0, 0, 0);
        var lineIndex = Math.Max(0, Math.Min(line - 1, text.Lines.Count - 1));
        var textLine = text.Lines[lineIndex];
        var columnIndex = Math.Max(0, Math.Min(column - 1, textLine.End - textLine.Start));
        var start = textLine.Start + columnIndex;
        var clippedLength = Math.Max(0, Math.Min(length, textLine.End - start));
        return new LocationInfo(filePath, start, clippedLength, lineIndex, columnIndex, lineIndex, columnIndex + clippedLength);
    }

    public Location ToLocation() => Location.Create(
        FilePath,
        new TextSpan(Start, Length),
        new LinePositionSpan(new LinePosition(Line, Column), new LinePosition(EndLine, EndColumn)));

    /// <summary>"rest_user.xsd(12,5)" as people write it: 1-based.</summary>
    public string Describe() => $"{System.IO.Path.GetFileName(FilePath)}({Line + 1},{Column + 1})";
}
