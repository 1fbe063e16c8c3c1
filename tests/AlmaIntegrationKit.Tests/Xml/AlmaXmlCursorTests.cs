using System.Text;
using System.Xml;
using AlmaIntegrationKit.Xml;

namespace AlmaIntegrationKit.Tests.Xml;

/// <summary>
/// The cursor over the UTF-8 reader (one-step reads of plain element content, dates parsed from the bytes, names
/// numbered by a vocabulary and predicted from the previous record) against the cursor over <see cref="XmlReader"/>:
/// the same values, issues and numbers, with buffers so small that the one-step reads must decline and fall back.
/// </summary>
public sealed class AlmaXmlCursorTests
{
    private static readonly int[] BufferSizes = [1, 2, 3, 7, 13, 64, 65536];
    private static readonly AlmaXmlVocabulary Vocabulary = new("users", "user", "name", "code", "birth_date", "note");

    private const string Document = """
        <?xml version="1.0" encoding="UTF-8"?>
        <users>
          <user><name>Ann</name><code desc="Main">MAIN</code><birth_date>1980-02-29</birth_date></user>
          <user><name>Zoë &amp; Søren</name><code desc="Main">MAIN</code><birth_date>1980-02-30</birth_date></user>
          <user><name>  </name><code>EAST</code><birth_date> 2001-01-01 </birth_date><note>x</note></user>
          <user><name><![CDATA[a<b]]></name><code desc="Main"/><birth_date>2001-01-01Z</birth_date></user>
          <user><name>two
        lines</name><name >again</name ><birth_date>0000-01-01</birth_date><x:name xmlns:x="urn:x">ns</x:name></user>
          <user><name>a<!-- c -->b</name><birth_date>99999-01-01</birth_date><name/></user>
          <user><name>last</name><code desc="Main">MAIN</code><birth_date>2024-12-31</birth_date></user>
        </users>
        """;

    [Fact]
    public void The_utf8_cursor_reads_the_same_values_and_issues_as_the_xml_reader_cursor()
    {
        var bytes = Encoding.UTF8.GetBytes(Document);
        var expected = ReadAll(new XmlReaderCursor(XmlReader.Create(new MemoryStream(bytes), AlmaReadContext.SafeSettings(closeInput: true)), Vocabulary));
        Assert.StartsWith("user 1: name=Ann; code=MAIN (Main); birth_date=1980-02-29 (line 3, then 4:4)", expected[0]);
        Assert.StartsWith("user 2: name=Zoë & Søren; code=MAIN (Main); issue birth_date data-type", expected[1]);
        Assert.StartsWith("user 5: name=two\nlines; name=again; other x:name -1; issue birth_date data-type", expected[4]);

        foreach (var size in BufferSizes)
        {
            using var reader = new AlmaXmlReader(new MemoryStream(bytes), true, size, null, 0);
            Assert.Equal(expected, ReadAll(new AlmaXmlCursor(reader, Vocabulary)));
        }
    }

    [Fact]
    public void Codes_and_their_labels_repeated_across_records_are_one_instance()
    {
        using var reader = new AlmaXmlReader(new MemoryStream(Encoding.UTF8.GetBytes(Document)), true, 65536, null, 0);
        var cursor = new AlmaXmlCursor(reader, Vocabulary);
        var context = new AlmaReadContext();
        var codes = new List<AlmaCode>();
        cursor.MoveToContent();
        cursor.Read();
        while (cursor.MoveToContent() == XmlNodeType.Element)
        {
            cursor.Read();
            while (cursor.MoveToContent() == XmlNodeType.Element)
            {
                if (cursor.NameId == 3)
                    codes.Add(cursor.ReadCode(context, "code"));
                else
                    reader.Skip();
            }

            cursor.Read();
        }

        var main = codes.Where(c => c == new AlmaCode("MAIN", "Main")).ToList();
        Assert.Equal(3, main.Count);
        Assert.All(main, c => Assert.Same(main[0], c));
    }

    private static List<string> ReadAll<TCursor>(TCursor cursor)
        where TCursor : struct, IAlmaXmlCursor
    {
        var context = new AlmaReadContext();
        var lines = new List<string>();
        var lineInfo = (IXmlLineInfo)cursor.Reader;
        Assert.Equal(XmlNodeType.Element, cursor.MoveToContent());
        Assert.Equal(0, cursor.NameId);
        cursor.Read();
        var index = 0;
        while (cursor.MoveToContent() == XmlNodeType.Element)
        {
            Assert.Equal(1, cursor.NameId);
            index++;
            var fields = new List<string>();
            var line = lineInfo.LineNumber;
            cursor.Read();
            while (cursor.MoveToContent() == XmlNodeType.Element)
            {
                switch (cursor.NameId)
                {
                    case 2:
                        fields.Add("name=" + cursor.ReadText(context, "name"));
                        break;
                    case 3:
                        fields.Add("code=" + cursor.ReadCode(context, "code"));
                        break;
                    case 4:
                        if (cursor.TryReadDate(context, "birth_date", out var date))
                            fields.Add("birth_date=" + date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                        break;
                    default:
                        fields.Add($"other {cursor.Reader.Name} {cursor.NameId}");
                        cursor.Reader.Skip();
                        break;
                }
            }

            cursor.Read();
            fields.AddRange(context.TakeIssues().Select(i => $"issue {i.Path} {i.Rule}"));
            lines.Add($"user {index}: " + string.Join("; ", fields) + $" (line {line}, then {lineInfo.LineNumber}:{lineInfo.LinePosition})");
        }

        return lines;
    }
}
