using System.IO.Compression;
using AlmaIntegrationKit.Packaging;

namespace AlmaIntegrationKit.Tests.Export;

public sealed class ExportPipelineTests : IDisposable
{
    private readonly ExportHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Good_rows_become_users_with_group_expiry_purge_campus_and_status()
    {
        var result = await _harness.RunAsync(new PatronFeed().Good(3));

        Assert.False(result.Aborted);
        Assert.Equal(3, result.Counts.Written);
        var zip = Assert.Single(result.Zips);
        Assert.Equal("01TEST_students_20300116T020000Z.zip", zip.FileName);
        Assert.True(File.Exists(Path.Combine(_harness.Outbox, zip.FileName)));
        var user = ExportHarness.Users(result)[0];
        Assert.Equal("user00001", (string?)user.Element("primary_id"));
        Assert.Equal("UNDERGRAD", (string?)user.Element("user_group"));
        Assert.Equal("Undergraduate", (string?)user.Element("user_group")!.Attribute("desc"));
        Assert.Equal("MAIN", (string?)user.Element("campus_code"));
        Assert.Equal("2030-06-30", (string?)user.Element("expiry_date")); // 2030-05-31 + P30D
        Assert.Equal("2032-06-30", (string?)user.Element("purge_date")); // + P2Y
        Assert.Equal("ACTIVE", (string?)user.Element("status"));
    }

    [Fact]
    public async Task Every_xml_file_of_every_zip_validates_against_the_published_schema()
    {
        var options = _harness.Options() with { UsersPerFile = 2, XmlFilesPerZip = 2 };
        var feed = new PatronFeed().Good(9).Row("P90000", "fac1", "FT", termEnd: "").Row("P90001", "staff1", "ST");

        var result = await _harness.RunAsync(feed, options);

        Assert.Equal(11, result.Counts.Written);
        Assert.Equal(3, result.Zips.Count); // 6 XML files of at most 2 users, at most 2 per zip
        Assert.Equal(["01TEST_students_20300116T020000Z_1.zip", "01TEST_students_20300116T020000Z_2.zip", "01TEST_students_20300116T020000Z_3.zip"],
            result.Zips.Select(z => z.FileName));
        var entries = 0;
        foreach (var zip in result.Zips)
        {
            using var archive = ZipFile.OpenRead(zip.FullPath);
            Assert.InRange(archive.Entries.Count, 1, 2);
            Assert.Equal(zip.XmlFileCount, archive.Entries.Count);
            foreach (var entry in archive.Entries)
            {
                entries++;
                using var stream = entry.Open();
                Assert.Empty(PublishedSchemaSet.Validate(stream));
            }
        }

        Assert.Equal(6, entries);
        Assert.Equal(11, result.Zips.Sum(z => z.UserCount));
    }

    [Fact]
    public void Schema_validation_catches_an_invalid_document()
    {
        // Guard against a schema set that validates nothing (trap 2: includes without a resolver).
        using var bad = new MemoryStream("<users><user><expiry_date>soon</expiry_date></user></users>"u8.ToArray());
        Assert.NotEmpty(PublishedSchemaSet.Validate(bad));
    }

    [Fact]
    public async Task Manifest_lists_counts_and_each_zip_with_size_and_sha256()
    {
        var result = await _harness.RunAsync(new PatronFeed().Good(4));

        var manifest = RunManifest.ReadFrom(result.ManifestPath);
        Assert.Equal(4, manifest.Counts.RowsRead);
        Assert.Equal(4, manifest.Counts.People);
        Assert.Equal(4, manifest.Counts.Written);
        Assert.True(manifest.Placed);
        var zip = Assert.Single(manifest.Zips);
        var path = Path.Combine(_harness.Outbox, zip.Name);
        Assert.Equal(new FileInfo(path).Length, zip.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), zip.Sha256);
        Assert.Equal(4, zip.UserCount);
        Assert.Equal(4, manifest.WrittenByUserGroup["UNDERGRAD"]);
        Assert.Contains("\"rows_read\": 4", File.ReadAllText(result.ManifestPath));
    }

    [Fact]
    public async Task The_same_input_and_run_date_give_byte_identical_zips()
    {
        var feed = new PatronFeed().Good(25).Row("P90000", "fac1", "FT");
        var first = await _harness.RunAsync(feed, _harness.Options() with { StatePath = null, UsersPerFile = 10 });
        var secondOptions = _harness.Options(ExportHarness.Started.AddHours(3)) with
        {
            StatePath = null, UsersPerFile = 10, OutboxDirectory = Path.Combine(_harness.Root, "outbox2"), RunDate = new DateOnly(2030, 1, 16),
        };
        var second = await _harness.RunAsync(feed, secondOptions);

        Assert.Equal(first.Zips.Count, second.Zips.Count);
        for (var i = 0; i < first.Zips.Count; i++)
        {
            Assert.NotEqual(first.Zips[i].FileName, second.Zips[i].FileName); // named by the clock
            Assert.Equal(File.ReadAllBytes(first.Zips[i].FullPath), File.ReadAllBytes(second.Zips[i].FullPath));
        }
    }

    [Fact]
    public async Task Zip_entries_have_the_run_date_as_timestamp_and_no_temporary_files_remain()
    {
        var result = await _harness.RunAsync(new PatronFeed().Good(2));

        using (var archive = ZipFile.OpenRead(result.Zips[0].FullPath))
        {
            var entry = Assert.Single(archive.Entries);
            Assert.Equal("01TEST_students_20300116_0001.xml", entry.FullName);
            Assert.Equal(new DateTime(2030, 1, 16), entry.LastWriteTime.DateTime);
        }

        Assert.Empty(Directory.GetFiles(_harness.Outbox, "*.tmp"));
    }

    [Fact]
    public async Task An_empty_feed_places_no_zip_and_counts_zero()
    {
        var result = await _harness.RunAsync(new PatronFeed());

        Assert.False(result.Aborted);
        Assert.Empty(result.Zips);
        Assert.True(result.Counts.AddUp);
    }
}
