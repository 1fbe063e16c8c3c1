using System.Globalization;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Tests.Export;
using AlmaIntegrationKit.Xml;

namespace AlmaIntegrationKit.Tests.Xml;

/// <summary>
/// Every code point XML 1.0 forbids (Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]),
/// not a sample: below U+0020 but tab, LF and CR; U+FFFE and U+FFFF; every lone surrogate. Found by the check,
/// refused by the writer, and a run's reject with the field path.
/// </summary>
public sealed class ForbiddenXmlCharacterTests : IDisposable
{
    private readonly ExportHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    /// <summary>The forbidden UTF-16 code units: C0 controls but tab, LF, CR; U+FFFE, U+FFFF; U+D800-U+DFFF alone.</summary>
    public static IEnumerable<char> Forbidden() =>
        Enumerable.Range(0, 0x20).Where(c => c is not (0x9 or 0xA or 0xD))
            .Concat([0xFFFE, 0xFFFF])
            .Concat(Enumerable.Range(0xD800, 0x800))
            .Select(c => (char)c);

    [Fact]
    public void The_check_finds_every_forbidden_code_unit_and_accepts_every_other_one()
    {
        var forbidden = Forbidden().ToHashSet();
        Assert.Equal(29 + 2 + 2048, forbidden.Count);
        for (var c = 0; c <= 0xFFFF; c++)
        {
            var value = "ab" + (char)c + "cd";
            Assert.True((forbidden.Contains((char)c) ? 2 : -1) == XmlCharacters.IndexOfInvalid(value), $"U+{c:X4}");
        }

        Assert.Equal(-1, XmlCharacters.IndexOfInvalid(char.ConvertFromUtf32(0x10000) + char.ConvertFromUtf32(0x10FFFF)));
    }

    [Fact]
    public void The_writer_refuses_every_forbidden_code_unit_in_text_and_in_codes_and_their_labels()
    {
        foreach (var c in Forbidden())
        {
            var value = "x" + c;
            using var output = new MemoryStream();
            using var emitter = new AlmaXmlEmitter(output, leaveOpen: true);
            Assert.False(emitter.TextElement("<a>"u8, "</a>"u8, value), $"text U+{(int)c:X4}");
            Assert.False(emitter.CodeElement("<g"u8, "</g>"u8, new AlmaCode(value, null)), $"code U+{(int)c:X4}");
            Assert.False(emitter.CodeElement("<g"u8, "</g>"u8, new AlmaCode("UG", value)), $"label U+{(int)c:X4}");
        }
    }

    [Fact]
    public async Task A_run_rejects_each_row_holding_one_with_the_field_path_and_writes_the_rest()
    {
        // Lone surrogates cannot be written in a UTF-8 file; every other forbidden character can, and C0 controls are
        // what SIS exports do carry (a pasted form feed, a 0x1A end-of-file from an old tool).
        var characters = Forbidden().Where(c => !char.IsSurrogate(c)).ToList();
        var feed = new PatronFeed().Good(2);
        for (var i = 0; i < characters.Count; i++)
            feed.Row($"X{i:D3}", $"x{i:D3}", "UG", lastName: "Do" + characters[i] + "e");
        var options = _harness.Options() with { Safety = new SafetyOptions { MaxRejectPercent = 100 } };

        var result = await _harness.RunAsync(feed, options);

        Assert.Equal(2, result.Counts.Written);
        Assert.Equal(characters.Count, result.Counts.Rejected);
        var lines = ExportHarness.RejectLines(result);
        for (var i = 0; i < characters.Count; i++)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"patrons.csv,line,{i + 4},X{i:D3},last_name,xml-character,");
            Assert.True(lines.Any(l => l.StartsWith(line, StringComparison.Ordinal)), $"U+{(int)characters[i]:X4}: {line}\n{string.Join('\n', lines)}");
        }
    }
}
