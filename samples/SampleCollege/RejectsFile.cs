using System.Globalization;
using System.Text;

namespace SampleCollege;

/// <summary>rejects.csv: one line per reason a record was not sent (a record may have several).</summary>
public sealed class RejectsFile : IDisposable
{
    private readonly StreamWriter _writer;

    public RejectsFile(string path)
    {
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\r\n" };
        _writer.WriteLine("line,person_id,field,rule,message");
    }

    public void Add(long line, string? personId, string? field, string rule, string message) =>
        _writer.WriteLine(string.Join(',',
            line.ToString(CultureInfo.InvariantCulture), Quote(personId), Quote(field), Quote(rule), Quote(message)));

    public void Dispose() => _writer.Dispose();

    // RFC 4180: quote a field that holds a comma, a quote or a line break, and double its quotes.
    private static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return string.Empty;
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
