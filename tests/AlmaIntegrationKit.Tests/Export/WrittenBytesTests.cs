using System.Buffers;
using System.IO.Compression;
using System.IO.Hashing;
using System.Security.Cryptography;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.Tests.Alma;

namespace AlmaIntegrationKit.Tests.Export;

/// <summary>
/// The bytes Alma receives and the fingerprints a delta run compares. Both are pinned: a delta run resends a user
/// whose fingerprint changed, so a change to the written bytes resends every user once after an upgrade, which the
/// release notes must say (or the state must migrate). Update the pins only together with that note.
/// </summary>
public sealed class WrittenBytesTests : IDisposable
{
    private readonly ExportHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    /// <summary>Names to escape (&amp;, &lt;, &gt;), non-ASCII text and a <c>desc</c> with a comma, over several files.</summary>
    private static PatronFeed VariedFeed() => new PatronFeed()
        .Good(4)
        .Raw("P10001,obrien,,\"Ana \"\"Q\"\"\",,O'Brien & <Sons>,,a.obrien@example.edu,,,,,,,,FT,,2030-05-31,,")
        .Row("P10002", "zoe", "CE", lastName: "Łukasiewicz", firstName: "Zoë", birthDate: "1990-02-03")
        .Row("P10003", "grad3", "GR", lastName: "Nguyễn", firstName: "Thị", barcode: "B10003", termEnd: "");

    private static readonly string[] PinnedEntrySha256 =
    [
        "c6ed7d129bef5a0be6b39c3d0a4374132e166c236c0f9ea834403940f6679ee2",
        "7df7ee27c10892a85de82718cde882de29ed65861b881c9883924d912de3ee52",
        "8ca60535a569b409de4310b49a9f94f20d7f400cc29f52fe861463b94e902698",
    ];

    [Fact]
    public async Task The_xml_files_of_a_known_feed_hold_the_pinned_bytes()
    {
        var result = await _harness.RunAsync(VariedFeed(), _harness.Options() with { StatePath = null, UsersPerFile = 3 });

        Assert.Equal(PinnedEntrySha256, EntryContents(result).Select(e => Convert.ToHexStringLower(SHA256.HashData(e))).ToArray());
    }

    [Fact]
    public async Task Every_xml_file_is_the_document_the_streaming_writer_writes_for_its_users()
    {
        var result = await _harness.RunAsync(VariedFeed(), _harness.Options() with { StatePath = null, UsersPerFile = 3 });

        foreach (var entry in EntryContents(result))
        {
            var users = AlmaUserSchema.Instance.ReadUsers(new MemoryStream(entry)).Select(r => r.User).ToList();
            Assert.Equal(entry, Document(users));
        }
    }

    [Fact]
    public async Task A_fingerprint_is_the_XXH128_of_the_users_one_user_document()
    {
        var result = await _harness.RunAsync(VariedFeed(), _harness.Options() with { StatePath = null });
        var users = AlmaUserSchema.Instance.ReadUsers(new MemoryStream(Assert.Single(EntryContents(result)))).Select(r => r.User).ToList();
        var records = new UserXmlRecords<User>(AlmaUserSchema.Instance);

        var fingerprints = new List<string>();
        foreach (var user in users)
        {
            Assert.True(records.TryWrite(user, [], out _));
            var fingerprint = records.Fingerprint();
            Assert.Equal(XxHash128.Hash(Document([user])), fingerprint);
            fingerprints.Add(Convert.ToHexStringLower(fingerprint));
        }

        Assert.Equal("8e8fdb98da982d48969f9a6d0cd9a84d", fingerprints[4]); // P10001: escaped name, quoted CSV field, e-mail
    }

    [Fact]
    public void A_record_refused_for_a_character_XML_cannot_carry_leaves_the_output_as_it_was()
    {
        var output = new ArrayBufferWriter<byte>();
        output.Write("kept"u8);
        var user = new User { PrimaryId = "jo", LastName = "Doe" };
        user.UserIdentifiers.Add(new UserIdentifier { IdType = "BARCODE", Value = "B1\u0001" });
        var issues = new List<ValidationIssue>();

        Assert.False(AlmaUserSchema.Instance.TryWriteRecord(user, output, issues));

        Assert.Equal("kept"u8.ToArray(), output.WrittenSpan.ToArray());
        var issue = Assert.Single(issues);
        Assert.Equal(ValidationRules.XmlCharacter, issue.Rule);
        Assert.Equal("user_identifiers/user_identifier[1]/value", issue.Path);
    }

    private static byte[] Document(IEnumerable<User> users)
    {
        using var output = new MemoryStream();
        using (var writer = AlmaUserSchema.Instance.CreateWriter(output, leaveOpen: true))
        {
            foreach (var user in users)
                Assert.True(writer.TryWrite(user, []));
        }

        return output.ToArray();
    }

    private static List<byte[]> EntryContents(ExportResult result)
    {
        var contents = new List<byte[]>();
        foreach (var zip in result.Zips)
        {
            using var archive = ZipFile.OpenRead(zip.FullPath);
            foreach (var entry in archive.Entries)
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                contents.Add(copy.ToArray());
            }
        }

        return contents;
    }
}
