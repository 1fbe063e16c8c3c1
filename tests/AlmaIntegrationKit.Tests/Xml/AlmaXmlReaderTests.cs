using System.Text;
using System.Xml;
using AlmaIntegrationKit.Xml;

namespace AlmaIntegrationKit.Tests.Xml;

/// <summary>
/// The UTF-8 reader against <see cref="XmlReader"/> with the same settings: the same nodes (names, namespaces, values,
/// depths, attributes, lines) for well-formed documents, an <see cref="XmlException"/> on the same line for malformed
/// ones, with buffers so small that every token, name and multi-byte character is split across reads.
/// </summary>
public sealed class AlmaXmlReaderTests
{
    private static readonly int[] BufferSizes = [1, 2, 3, 5, 7, 13, 64, 65536];

    public static TheoryData<string> WellFormed() => new()
    {
        "<users/>",
        "<users></users>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<users>\n  <user><first_name>Ann</first_name></user>\n</users>\n",
        "<?xml version='1.0' encoding='utf-8' standalone='yes'?><users/>",
        "<?xml version=\"1.0\"?>\r\n<users>\r\n<user link=\"a&amp;b\">\r\n<last_name>O'Brien &amp; S\u00f8n &lt;Jr&gt; &quot;x&quot; &apos;y&apos;</last_name>\r\n</user>\r\n</users>",
        "<a>line1\r\nline2\rline3\nline4</a>",
        "<a x=\"tab\there\r\nnew&#10;line&#9;t\"/>",
        "<a>&#65;&#x42;&#x1F642;&#xe9;&#233;</a>",
        "<a><![CDATA[<not> &amp; markup]]></a>",
        "<a>x<![CDATA[y\r\nz]]>w</a>",
        "<a>before<!-- a comment --> after</a>",
        "<a><?pi some data?>text<?other?></a>",
        "<!-- leading comment --><?pi x?>\n<a/>\n<!-- trailing -->\n",
        "<a>  <b>  </b>  <c/>\n\t</a>",
        "<caf\u00e9 \u00e9t\u00e9=\"\u00fcber\">\u03a9-\u00fcn\u00efc\u00f6d\u00e9-\U0001F642 \u4e2d\u6587</caf\u00e9>",
        "<a xmlns=\"urn:x\"><b/><c xmlns=\"\"><d/></c></a>",
        "<p:a xmlns:p=\"urn:p\" p:attr=\"1\" plain=\"2\"><p:b/><b xml:lang=\"en\"/></p:a>",
        "<a  b = 'x'\n   c=\"y\"\t/>",
        "<a>]]</a>",
        "<a>></a>",
        "<a b=\"'\" c='\"' d=\">\"/>",
        "<users>\n<user>\n<a>1</a>\n</user>\n<user>\n<a>2</a>\n</user>\n</users>",
        "\ufeff<a>bom</a>",
        "<a>\u007f</a>",
        "<a>\ud7ff\ue000\ufffd</a>",
        "<a.b-c_d:e xmlns:a.b-c_d=\"urn:q\"/>",
        "<a>" + new string('x', 3000) + "&amp;" + new string('\u00e9', 1000) + "</a>",
        "<a>\n<b>\n\n\n<c>text\n\non lines</c></b>\n</a>",
    };

    public static TheoryData<string> Malformed() => new()
    {
        "",
        "   ",
        "<!-- only a comment -->",
        "<a>",
        "<a></b>",
        "<a><b></a></b>",
        "<a/><b/>",
        "<a/>text",
        "text<a/>",
        "<a>&unknown;</a>",
        "<a>&amp</a>",
        "<a>& </a>",
        "<a>&#0;</a>",
        "<a>&#xD800;</a>",
        "<a>&#xFFFF;</a>",
        "<a>&#12a;</a>",
        "<a>\u0001</a>",
        "<a>\n\n\u000b</a>",
        "<a>\uffff</a>",
        "<a>]]></a>",
        "<a b=\"1\" b=\"2\"/>",
        "<a b=\"<\"/>",
        "<a b=\"1\"c=\"2\"/>",
        "<a b=1/>",
        "<a b/>",
        "<a b=\"&nope;\"/>",
        "<1a/>",
        "<a><-b/></a>",
        "<a></a >x",
        "<a>\n</a\n>\n<b/>",
        "<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>",
        "<?xml version=\"1.0\"?><!DOCTYPE a SYSTEM \"file:///etc/passwd\"><a/>",
        " <?xml version=\"1.0\"?><a/>",
        "<a/><?xml version=\"1.0\"?>",
        "<?xml encoding=\"UTF-8\"?><a/>",
        "<?xml version=\"1.0\" standalone=\"maybe\"?><a/>",
        "<a><!-- bad -- comment --></a>",
        "<a><!-- bad ---></a>",
        "<a><!-- unclosed </a>",
        "<a><![CDATA[ unclosed </a>",
        "<![CDATA[x]]><a/>",
        "<a><!WHAT></a>",
        "<p:a/>",
        "<a p:b=\"1\"/>",
        "<a xmlns:p=\"urn:p\" xmlns:q=\"urn:p\" p:x=\"1\" q:x=\"2\"/>",
        "<a:b:c xmlns:a=\"urn:a\"/>",
        "<a\n\n b='1\n\n2'\n  c=\"<\"/>",
        "<users>\n  <user>\n    <first_name>Ann</first_name>\n  </user>\n  <user>\n    <first_name>Bob</last_name>\n  </user>\n</users>",
        "<users>\n  <user>\n  </user>\n",
        "<a b=\"x",
        "<a\u00a0/>",
    };

    [Theory]
    [MemberData(nameof(WellFormed))]
    public void Reads_the_same_nodes_as_XmlReader(string xml)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);
        var expected = Trace(XmlReader.Create(new MemoryStream(bytes), AlmaReadContext.SafeSettings(closeInput: true)));
        foreach (var size in BufferSizes)
        {
            Assert.Equal(expected, Trace(new AlmaXmlReader(new MemoryStream(bytes), true, size, null, 0)));
            Assert.Equal(expected, Trace(new AlmaXmlReader(new TrickleStream(bytes), true, size, null, 0)));
        }

        Assert.Equal(expected, Trace(AlmaReadContext.CreateReader(new MemoryStream(bytes), closeInput: true)));
        Assert.IsType<AlmaXmlReader>(AlmaReadContext.CreateReader(new MemoryStream(bytes), closeInput: true));
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Throws_XmlException_on_the_same_line_as_XmlReader(string xml)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);
        var expected = Assert.Throws<XmlException>(() => Trace(XmlReader.Create(new MemoryStream(bytes), AlmaReadContext.SafeSettings(closeInput: true))));
        foreach (var size in BufferSizes)
        {
            var actual = Assert.Throws<XmlException>(() => Trace(new AlmaXmlReader(new MemoryStream(bytes), true, size, null, 0)));
            Assert.True(expected.LineNumber == actual.LineNumber || expected.LineNumber == 0, $"buffer {size}: XmlReader says line {expected.LineNumber} ({expected.Message}), the UTF-8 reader line {actual.LineNumber} ({actual.Message})");
            Assert.Throws<XmlException>(() => Trace(new AlmaXmlReader(new TrickleStream(bytes), true, size, null, 0)));
        }
    }

    [Theory]
    [InlineData(new byte[] { (byte)'<', (byte)'a', (byte)'>', 0xC3, (byte)'<', (byte)'/', (byte)'a', (byte)'>' })] // truncated sequence
    [InlineData(new byte[] { (byte)'<', (byte)'a', (byte)'>', 0xFF, (byte)'<', (byte)'/', (byte)'a', (byte)'>' })] // never UTF-8
    [InlineData(new byte[] { (byte)'<', (byte)'a', (byte)'>', 0xED, 0xA0, 0x80, (byte)'<', (byte)'/', (byte)'a', (byte)'>' })] // a surrogate
    [InlineData(new byte[] { (byte)'<', (byte)'a', (byte)'>', 0xC0, 0xAF, (byte)'<', (byte)'/', (byte)'a', (byte)'>' })] // overlong
    [InlineData(new byte[] { (byte)'<', (byte)'a', (byte)' ', (byte)'b', (byte)'=', (byte)'"', 0xE2, 0x82, (byte)'"', (byte)'/', (byte)'>' })]
    public void Bytes_that_are_not_UTF8_throw(byte[] bytes)
    {
        Assert.Throws<XmlException>(() => Trace(XmlReader.Create(new MemoryStream(bytes), AlmaReadContext.SafeSettings(closeInput: true))));
        foreach (var size in BufferSizes)
            Assert.Throws<XmlException>(() => Trace(new AlmaXmlReader(new MemoryStream(bytes), true, size, null, 0)));
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("iso-8859-1")]
    [InlineData("windows-1252")]
    public void Other_encodings_fall_back_to_XmlReader(string encodingName)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var encoding = Encoding.GetEncoding(encodingName);
        var xml = $"<?xml version=\"1.0\" encoding=\"{encoding.WebName}\"?><users><user><last_name>S\u00f8n \u00e9t\u00e9</last_name></user></users>";
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(xml)).ToArray();

        using var reader = AlmaReadContext.CreateReader(new NonSeekableStream(bytes), closeInput: true);

        Assert.IsNotType<AlmaXmlReader>(reader);
        reader.ReadToFollowing("last_name");
        Assert.Equal("S\u00f8n \u00e9t\u00e9", reader.ReadElementContentAsString());
    }

    [Fact]
    public void UTF16_without_a_declaration_falls_back_to_XmlReader()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<users><user/></users>")).ToArray();
        using var reader = AlmaReadContext.CreateReader(new MemoryStream(bytes), closeInput: true);
        Assert.IsNotType<AlmaXmlReader>(reader);
        Assert.Equal(["users", "user", "users"], Trace(reader).Select(t => t.Split(' ')[2]));
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\" encoding=\"UTF-8\"?><a/>")]
    [InlineData("<?xml version=\"1.0\"?><a/>")]
    [InlineData("\ufeff<?xml version=\"1.0\" encoding=\"utf-8\"?><a/>")]
    [InlineData("<a/>")]
    public void UTF8_documents_take_the_fast_reader(string xml)
    {
        using var reader = AlmaReadContext.CreateReader(new MemoryStream(Encoding.UTF8.GetBytes(xml)), closeInput: true);
        Assert.IsType<AlmaXmlReader>(reader);
        Assert.Equal(XmlNodeType.Element, reader.MoveToContent());
        Assert.Equal("a", reader.LocalName);
    }

    [Fact]
    public void A_large_document_reads_the_same_across_many_buffer_refills()
    {
        var builder = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<users>\n");
        for (var i = 0; i < 3000; i++)
            builder.Append($"  <user link=\"u{i}\">\n    <last_name>N\u00f8\u00e9 {i} &amp; \U0001F642</last_name>\n    <note><![CDATA[c{i}]]></note><!-- {i} -->\n  </user>\n");
        builder.Append("</users>\n");
        var bytes = Encoding.UTF8.GetBytes(builder.ToString());
        var expected = Trace(XmlReader.Create(new MemoryStream(bytes), AlmaReadContext.SafeSettings(closeInput: true)));
        Assert.Equal(expected, Trace(new AlmaXmlReader(new MemoryStream(bytes), true, 100, null, 0)));
        Assert.Equal(expected, Trace(AlmaReadContext.CreateReader(new TrickleStream(bytes, 4093), closeInput: true)));
    }

    [Fact]
    public void Skip_and_MoveToContent_behave_as_XmlReader()
    {
        const string xml = "<a><b x='1'><c>t</c><d/></b><e>v</e></a>";
        using var reader = new AlmaXmlReader(new MemoryStream(Encoding.UTF8.GetBytes(xml)), true, 3, null, 0);
        Assert.Equal(XmlNodeType.Element, reader.MoveToContent());
        reader.Read();
        Assert.Equal("b", reader.LocalName);
        Assert.True(reader.MoveToNextAttribute());
        Assert.Equal("1", reader.Value);
        Assert.Equal(XmlNodeType.Element, reader.MoveToContent());
        Assert.Equal("b", reader.LocalName);
        reader.Skip();
        Assert.Equal("e", reader.LocalName);
        Assert.Equal("v", reader.ReadElementContentAsString());
        Assert.Equal(XmlNodeType.EndElement, reader.NodeType);
        Assert.Equal("a", reader.LocalName);
        Assert.False(reader.Read());
        Assert.True(reader.EOF);
    }

    [Fact]
    public void Repeated_short_code_values_are_the_same_string_and_read_the_same_as_Value()
    {
        const string xml = "<r><c desc=\"Home\">home</c><c desc=\"Home\">home</c><c desc=\"H&amp;me\">h&amp;me</c><c desc='Work place (long label)'>a-value-longer-than-16</c><c>caf\u00e9</c></r>";
        using var reader = new AlmaXmlReader(new MemoryStream(Encoding.UTF8.GetBytes(xml)), true, 4, null, 0);
        var values = new List<(string? Desc, string Text)>();
        reader.MoveToContent();
        reader.Read();
        while (reader.NodeType == XmlNodeType.Element)
        {
            var desc = reader.GetAttributePooled("desc");
            Assert.Equal(reader.GetAttribute("desc"), desc);
            reader.Read();
            var text = reader.PooledValue();
            Assert.Equal(reader.Value, text);
            values.Add((desc, text));
            reader.Read();
            reader.Read();
        }

        Assert.Equal([("Home", "home"), ("Home", "home"), ("H&me", "h&me"), ("Work place (long label)", "a-value-longer-than-16"), (null, "caf\u00e9")], values);
        Assert.Same(values[0].Text, values[1].Text);
        Assert.Same(values[0].Desc, values[1].Desc);
    }

    private static List<string> Trace(XmlReader reader)
    {
        using var _ = reader;
        var list = new List<string>();
        var info = (IXmlLineInfo)reader;
        while (reader.Read())
        {
            if (reader.NodeType is XmlNodeType.XmlDeclaration or XmlNodeType.Whitespace or XmlNodeType.Comment or XmlNodeType.ProcessingInstruction)
                continue;
            var line = new StringBuilder($"{reader.NodeType} {reader.Depth} {reader.Name} {{{reader.NamespaceURI}}} {reader.LocalName} {reader.Prefix} empty={reader.IsEmptyElement} '{reader.Value}' @{info.LineNumber}:{info.LinePosition}");
            while (reader.MoveToNextAttribute())
                line.Append($" [{reader.Name} {{{reader.NamespaceURI}}} {reader.LocalName}='{reader.Value}' d{reader.Depth} @{info.LineNumber}:{info.LinePosition}]");
            reader.MoveToElement();
            list.Add(line.ToString());
        }

        return list;
    }

    [Theory]
    [InlineData("<users><user><last_name>{0}</last_name></user></users>", "text", "users/user/last_name", 1, 15)]
    [InlineData("<users><user><!--{0}--></user></users>", "comment", "users/user", 1, 14)]
    [InlineData("<users><user><![CDATA[{0}]]></user></users>", "CDATA section", "users/user", 1, 14)]
    [InlineData("<users><user note=\"{0}\"/></users>", "start tag", "users", 1, 8)]
    public void A_node_longer_than_the_bound_is_refused_with_where_it_is(string template, string kind, string path, int line, int position)
    {
        var huge = Encoding.UTF8.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, new string('a', AlmaXmlReader.MaxNodeBytes)));

        var refused = Assert.Throws<XmlNodeTooLongException>(() => Trace(new AlmaXmlReader(new TrickleStream(huge, 4096), closeInput: true)));

        Assert.Equal(kind, refused.NodeKind);
        Assert.Equal(path, refused.ElementPath);
        Assert.Equal((line, position), (refused.LineNumber, refused.LinePosition));
        var half = Encoding.UTF8.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, new string('a', AlmaXmlReader.MaxNodeBytes / 2)));
        Assert.NotEmpty(Trace(new AlmaXmlReader(new MemoryStream(half), closeInput: true)));
    }

    /// <summary>A stream that hands out at most a few bytes per read.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk = 1) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
