using System.Text;
using AlmaIntegrationKit.Xml;

namespace AlmaIntegrationKit.Tests.Xml;

/// <summary>
/// Text and code elements come out escaped exactly as the reference escaping below says, whichever path writes them
/// (the one-loop path for short plain ASCII values, or the general one), and values XML cannot carry are refused.
/// </summary>
public sealed class AlmaXmlEmitterTests
{
    private const string Alphabet = "aZ09 -_.@'?=~\u007F&<>\"\r\n\t\u0001\u000B\u00E9\u4E2D\uD83D\uDE00\uD800\uFFFE";

    [Fact]
    public void Text_elements_match_the_reference_escaping_for_random_values_of_every_length()
    {
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var value = RandomValue(random, random.Next(0, 90), plainOnly: i % 2 == 0);
            var (ok, bytes) = Emit(e => e.TextElement("<a>"u8, "</a>"u8, value));

            var expectedOk = XmlCharacters.IndexOfInvalid(value) < 0;
            Assert.Equal(expectedOk, ok);
            if (expectedOk)
                Assert.Equal("<a>" + Escape(value, attribute: false) + "</a>", Encoding.UTF8.GetString(bytes));
        }
    }

    [Fact]
    public void Code_elements_match_the_reference_escaping_with_and_without_a_label()
    {
        var random = new Random(11);
        for (var i = 0; i < 20_000; i++)
        {
            var code = RandomValue(random, random.Next(1, 80), plainOnly: i % 2 == 0);
            var desc = i % 3 == 0 ? null : RandomValue(random, random.Next(0, 80), plainOnly: i % 4 < 2);
            var (ok, bytes) = Emit(e => e.CodeElement("<g"u8, "</g>"u8, new AlmaCode(code, desc)));

            var expectedOk = XmlCharacters.IndexOfInvalid(code) < 0 && (desc is null || XmlCharacters.IndexOfInvalid(desc) < 0);
            Assert.Equal(expectedOk, ok);
            if (expectedOk)
            {
                var attribute = desc is null ? "" : $" desc=\"{Escape(desc, attribute: true)}\"";
                Assert.Equal($"<g{attribute}>{Escape(code, attribute: false)}</g>", Encoding.UTF8.GetString(bytes));
            }
        }
    }

    [Fact]
    public void Elements_written_across_a_buffer_boundary_are_whole()
    {
        using var output = new MemoryStream();
        using (var emitter = new AlmaXmlEmitter(output, leaveOpen: true))
        {
            for (var i = 0; i < 10_000; i++)
                Assert.True(emitter.TextElement("<v>"u8, "</v>"u8, $"value-{i}"));
        }

        var expected = string.Concat(Enumerable.Range(0, 10_000).Select(i => $"<v>value-{i}</v>"));
        Assert.Equal(expected, Encoding.UTF8.GetString(output.ToArray()));
    }

    private static (bool Ok, byte[] Bytes) Emit(Func<AlmaXmlEmitter, bool> write)
    {
        using var output = new MemoryStream();
        bool ok;
        using (var emitter = new AlmaXmlEmitter(output, leaveOpen: true))
        {
            emitter.BeginRecord();
            ok = write(emitter);
            if (ok)
                emitter.EndRecord();
            else
                emitter.AbortRecord();
        }

        return (ok, output.ToArray());
    }

    private static string RandomValue(Random random, int length, bool plainOnly)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
            text.Append(plainOnly && random.Next(40) != 0 ? (char)random.Next(0x20, 0x7F) : Alphabet[random.Next(Alphabet.Length)]);
        return text.ToString();
    }

    /// <summary>The escaping the emitter promises, written out plainly.</summary>
    private static string Escape(string value, bool attribute)
    {
        var text = new StringBuilder();
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\r' => "&#xD;",
                '"' when attribute => "&quot;",
                '\n' when attribute => "&#xA;",
                '\t' when attribute => "&#x9;",
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }
}
