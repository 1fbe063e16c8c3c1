using System.IO.Compression;
using System.Text;
using AlmaIntegrationKit.Cli;
using AlmaIntegrationKit.Tests.Alma;

namespace AlmaIntegrationKit.Tests.Cli;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>A valid users document with the generated writer: jdoe (line 3) and asmith.</summary>
    private static string GoodXml()
    {
        using var stream = new MemoryStream();
        using (var writer = AlmaUserSchema.Instance.CreateWriter(stream, leaveOpen: true))
        {
            foreach (var (id, last) in new[] { ("jdoe", "Doe"), ("asmith", "Smith") })
            {
                var user = new User
                {
                    PrimaryId = id,
                    FirstName = "Jo",
                    LastName = last,
                    UserGroup = new AlmaCode("UNDERGRAD", "Undergraduate"),
                    Status = new AlmaCode("ACTIVE"),
                    ExpiryDate = new DateOnly(2030, 6, 30),
                    PurgeDate = new DateOnly(2032, 6, 30),
                };
                Assert.True(writer.TryWrite(user, new List<ValidationIssue>()));
            }

            writer.Complete();
        }

        // One element per line, so that the tests can name lines.
        return Encoding.UTF8.GetString(stream.ToArray()).Replace("><", ">\n<", StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_cli.Root, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return name;
    }

    private string Zip(string name, params (string Entry, string Text)[] entries)
    {
        using (var zip = ZipFile.Open(Path.Combine(_cli.Root, name), ZipArchiveMode.Create))
        {
            foreach (var (entry, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(entry).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }

        return name;
    }

    private static int LineOf(string text, string fragment) =>
        text[..text.IndexOf(fragment, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    [Fact]
    public async Task A_good_xml_file_and_zip_are_valid()
    {
        var xml = Write("good.xml", GoodXml());
        var zip = Zip("good.zip", ("01TEST_students_20300116_0001.xml", GoodXml().Replace("jdoe", "jdoe2").Replace("asmith", "asmith2")));

        var code = await _cli.RunAsync("validate", xml, zip);

        Assert.True(code == ExitCodes.Success, _cli.Transcript);
        Assert.Contains("2 file(s), 4 user(s): 0 error(s), 0 warning(s).", _cli.Output);
    }

    [Theory]
    [InlineData("../01TEST_students_20300116_0001.xml")]
    [InlineData("sub/01TEST_students_20300116_0001.xml")]
    [InlineData("sub\\01TEST_students_20300116_0001.xml")]
    [InlineData("..")]
    public async Task A_zip_entry_whose_name_holds_a_folder_or_dot_dot_is_an_error(string entry)
    {
        var zip = Zip("slip.zip", (entry, GoodXml()));

        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("validate", zip));

        var line = Assert.Single(Lines(), l => l.StartsWith($"slip.zip!{entry}: error zip: ", StringComparison.Ordinal));
        Assert.StartsWith($"slip.zip!{entry}: error zip: the entry's name holds a folder", line);
        Assert.Contains("zip slip", line);
    }

    [Fact]
    public async Task A_zip_the_export_made_is_valid()
    {
        new Export.PatronFeed().Good(3).WriteTo(Path.Combine(_cli.Root, "patrons.csv"));
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("run", "--dry-run"));
        var zip = Directory.GetFiles(Path.Combine(_cli.Outbox, "dry-run"), "*.zip").Single();

        var code = await _cli.RunAsync("validate", zip);

        Assert.True(code == ExitCodes.Success, _cli.Transcript);
    }

    [Fact]
    public async Task Malformed_xml_gives_one_line_with_file_and_line()
    {
        var text = GoodXml().Replace("<last_name>Smith</last_name>", "<last_name>Smith</lastname>", StringComparison.Ordinal);
        var file = Write("broken.xml", text);

        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("validate", file));

        var line = Assert.Single(Lines(), l => l.Contains(" error xml: ", StringComparison.Ordinal));
        Assert.StartsWith($"broken.xml:{LineOf(text, "</lastname>")}: error xml: not well-formed XML", line);
        Assert.DoesNotContain("   at ", _cli.Output + _cli.Error);
    }

    [Fact]
    public async Task A_bad_date_names_the_record_and_the_field()
    {
        var good = GoodXml();
        var at = good.IndexOf("<expiry_date>2030-06-30</expiry_date>", StringComparison.Ordinal);
        var text = string.Concat(good.AsSpan(0, at), "<expiry_date>2030-13-45</expiry_date>", good.AsSpan(at + "<expiry_date>2030-06-30</expiry_date>".Length));
        var file = Write("date.xml", text);

        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("validate", file));

        var line = Assert.Single(Lines(), l => l.Contains("data-type", StringComparison.Ordinal));
        Assert.Matches(@"^date\.xml:\d+: error data-type: user jdoe, expiry_date: '2030-13-45' is not a valid", line);
    }

    [Fact]
    public async Task An_unknown_element_is_reported_with_its_path()
    {
        var text = GoodXml().Replace("<primary_id>asmith</primary_id>", "<primary_id>asmith</primary_id>\n<shoe_size>9</shoe_size>", StringComparison.Ordinal);
        var file = Write("unknown.xml", text);

        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("validate", file));

        var line = Assert.Single(Lines(), l => l.Contains("shoe_size", StringComparison.Ordinal));
        Assert.Matches(@"^unknown\.xml:\d+: error structure: user asmith, shoe_size: element <shoe_size> is not allowed here", line);
    }

    [Fact]
    public async Task An_over_long_value_is_reported_with_the_max_length_rule()
    {
        var text = GoodXml().Replace("<last_name>Doe</last_name>", $"<last_name>{new string('x', 300)}</last_name>", StringComparison.Ordinal);
        var file = Write("long.xml", text);

        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("validate", file));

        var line = Assert.Single(Lines(), l => l.Contains("max-length", StringComparison.Ordinal));
        Assert.StartsWith("long.xml:", line);
        Assert.Contains(": error max-length: user jdoe, last_name: ", line);
    }

    [Fact]
    public async Task A_zip_with_a_bad_entry_names_the_entry()
    {
        var good = GoodXml();
        var bad = GoodXml().Replace("jdoe", "kdoe").Replace("asmith", "bsmith").Replace("<users>", "<users><user>", StringComparison.Ordinal)[..^20];
        var zip = Zip("mixed.zip", ("part1.xml", good), ("part2.xml", bad), ("readme.txt", "hello"));

        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("validate", zip));

        var lines = Lines();
        Assert.DoesNotContain(lines, l => l.StartsWith("mixed.zip!part1.xml", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("mixed.zip!part2.xml:", StringComparison.Ordinal) && l.Contains(" error xml: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("mixed.zip!readme.txt: warning zip: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_that_is_not_a_zip_and_a_missing_file_are_errors()
    {
        File.WriteAllBytes(Path.Combine(_cli.Root, "fake.zip"), [(byte)'P', (byte)'K', 3, 4, 0, 0, 1, 2]);

        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("validate", "fake.zip", "missing.xml"));

        Assert.Contains(Lines(), l => l.StartsWith("fake.zip: error zip: the zip cannot be read", StringComparison.Ordinal));
        Assert.Contains("missing.xml: error file: the file does not exist", _cli.Output);
    }

    [Fact]
    public async Task A_primary_id_used_twice_across_files_is_an_error()
    {
        var first = Write("a.xml", GoodXml());
        var second = Write("b.xml", GoodXml().Replace("asmith", "bsmith").Replace("jdoe", "JDOE"));

        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("validate", first, second));

        var line = Assert.Single(Lines(), l => l.Contains("duplicate-id", StringComparison.Ordinal));
        Assert.Matches(@"^b\.xml:\d+: error duplicate-id: user JDOE, primary_id: the primary_id is also used by the user at a\.xml:\d+", line);
    }

    [Fact]
    public async Task Validate_needs_a_file()
    {
        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("validate"));
    }

    [Fact]
    public void A_zip_holding_one_huge_value_is_refused_without_reading_it_and_the_next_entry_is_still_read()
    {
        // 400 MB of 'a' as one last_name deflates to a few hundred KB; written in chunks, so the test holds none of it.
        const long hugeLength = 400L * 1024 * 1024;
        var zip = Path.Combine(_cli.Root, "huge.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using (var entry = archive.CreateEntry("01TEST_students_20300116_0001.xml", CompressionLevel.Fastest).Open())
            {
                entry.Write("<users>\n<user>\n<primary_id>huge</primary_id>\n<last_name>"u8);
                var chunk = new byte[64 * 1024];
                chunk.AsSpan().Fill((byte)'a');
                for (long written = 0; written < hugeLength; written += chunk.Length)
                    entry.Write(chunk);
                entry.Write("</last_name>\n</user>\n</users>\n"u8);
            }

            using var writer = new StreamWriter(archive.CreateEntry("01TEST_students_20300116_0002.xml").Open(), new UTF8Encoding(false));
            writer.Write(GoodXml());
        }

        Assert.True(new FileInfo(zip).Length < 4 * 1024 * 1024);

        // Measured on the thread that runs the command (validate runs synchronously), so other tests' allocations do not count.
        var code = 0;
        long allocated = 0;
        var thread = new Thread(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            code = _cli.RunAsync("validate", "huge.zip").GetAwaiter().GetResult();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        thread.Start();
        thread.Join();

        Assert.True(allocated < 200L * 1024 * 1024, $"validate allocated {allocated:N0} bytes");
        Assert.True(code == ExitCodes.Error, _cli.Transcript);
        var line = Assert.Single(Lines(), l => l.Contains(" error size: ", StringComparison.Ordinal));
        Assert.StartsWith("huge.zip!01TEST_students_20300116_0001.xml:4: error size: the text in <users/user/last_name> is longer than 1,048,576 bytes", line);
        Assert.Contains("Line 4, position 2.", line);
        Assert.EndsWith("The rest of this entry is not read.", line);
        Assert.Contains("1 file(s), 2 user(s): 1 error(s), 0 warning(s).", _cli.Output);
    }

    [Fact]
    public async Task A_zip_entry_that_says_it_unpacks_to_more_than_the_bound_is_refused_unread()
    {
        var zip = Zip("bomb.zip", ("01TEST_students_20300116_0001.xml", GoodXml()));
        // Declare 2 GiB in the central directory, as a zip bomb would: the check must not need the data.
        var bytes = File.ReadAllBytes(Path.Combine(_cli.Root, zip));
        var central = bytes.AsSpan().LastIndexOf("PK\u0001\u0002"u8);
        Assert.True(central > 0);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(central + 24), 0x7FFF_FFFF);
        File.WriteAllBytes(Path.Combine(_cli.Root, zip), bytes);

        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("validate", zip));

        var line = Assert.Single(Lines(), l => l.Contains(" error size: ", StringComparison.Ordinal));
        Assert.StartsWith("bomb.zip!01TEST_students_20300116_0001.xml: error size: the entry unpacks to 2,147,483,647 bytes", line);
        Assert.Contains("0 user(s)", _cli.Output);
    }

    [Fact]
    public async Task Text_split_by_comments_is_bounded_as_a_whole()
    {
        var part = new string('x', 300 * 1024);
        var text = GoodXml().Replace("<last_name>Doe</last_name>",
            $"<last_name>{part}<!---->{part}<!---->{part}<!---->{part}</last_name>", StringComparison.Ordinal);
        var file = Write("split.xml", text);

        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("validate", file));

        var line = Assert.Single(Lines(), l => l.Contains(" error size: ", StringComparison.Ordinal));
        Assert.StartsWith("split.xml:", line);
        Assert.Contains("the text in <users/user/last_name> is longer than 1,048,576 characters", line);
        Assert.EndsWith("The rest of this file is not read.", line);
    }

    [Fact]
    public async Task A_document_in_another_encoding_is_bounded_too()
    {
        var text = GoodXml().Replace("<last_name>Doe</last_name>", $"<last_name>{new string('x', 2 * 1024 * 1024)}</last_name>", StringComparison.Ordinal);
        Assert.Contains("encoding=\"UTF-8\"", text);
        var path = Path.Combine(_cli.Root, "latin1.xml");
        File.WriteAllText(path, text.Replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"", StringComparison.Ordinal), Encoding.Latin1);

        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("validate", "latin1.xml"));

        var line = Assert.Single(Lines(), l => l.Contains(" error size: ", StringComparison.Ordinal));
        Assert.Contains("the text in <users/user/last_name> is longer than 1,048,576 characters", line);
    }

    private string[] Lines() => _cli.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
