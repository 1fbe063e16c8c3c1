using AlmaIntegrationKit.Export;

namespace AlmaIntegrationKit.Tests.Export;

/// <summary>
/// The id registry: first claim wins, compared ignoring case, and the owner's person_id comes back exactly; with the
/// real filter, and with a filter of one line that says "maybe" to everything, so that every lookup reads the spill file.
/// </summary>
public sealed class FeedIdRegistryTests
{
    public static TheoryData<int> FilterSizes => [FeedIdRegistry.BaseFilterBytes, 64];

    [Theory]
    [MemberData(nameof(FilterSizes))]
    public void The_first_claim_wins_ignoring_case_and_the_same_person_may_repeat_a_value(int filterBytes)
    {
        using var ids = new FeedIdRegistry(2, filterBytes);
        ids.Claim("jdoe@example.edu", "P1");
        ids.Claim("JDOE@EXAMPLE.EDU", "P2");

        Assert.Null(ids.OtherOwner("jdoe@example.edu", "P1"));
        Assert.Equal("P1", ids.OtherOwner(" JDoe@Example.edu ", "P2"));
        Assert.Null(ids.OtherOwner("someone-else", "P2"));
        Assert.Equal(1, ids.Count);
    }

    [Theory]
    [InlineData("P1")]
    [InlineData("Zoë-7")] // not ASCII: kept as UTF-16
    [InlineData("\ud83d\ude00x\ud800")] // a lone surrogate survives too
    [InlineData("")]
    public void Gives_back_the_owners_person_id_exactly(string personId)
    {
        using var ids = new FeedIdRegistry(1);
        ids.Claim("V1", personId);
        ids.Claim("V2", personId);

        Assert.Null(ids.OtherOwner("v1", personId));
        Assert.Equal(personId, ids.OtherOwner("v2", personId + "x"));
        Assert.Equal(personId, ids.OtherOwner("V1", "other"));
    }

    [Theory]
    [MemberData(nameof(FilterSizes))]
    public void Holds_many_owners_across_partitions_and_blocks_including_person_ids_longer_than_a_block(int filterBytes)
    {
        var longId = new string('L', 10_000);
        var longWideId = new string('é', 4_000);
        var people = Enumerable.Range(0, 6_000).Select(i => i % 1000 == 7 ? longId + i : i % 1000 == 9 ? longWideId + i : $"PERSON-{i}").ToList();
        using var ids = new FeedIdRegistry(people.Count, filterBytes);
        for (var i = 0; i < people.Count; i++)
        {
            ids.Claim($"login{i}", people[i]);
            ids.Claim($"barcode{i}", people[i]);
        }

        Assert.Equal(12_000, ids.Count);
        for (var i = 0; i < people.Count; i++)
        {
            Assert.Equal(people[i], ids.OtherOwner($"LOGIN{i}", "nobody"));
            Assert.Null(ids.OtherOwner($"Barcode{i}", people[i]));
            Assert.Null(ids.OtherOwner($"unclaimed{i}", "nobody"));
        }
    }

    [Fact]
    public void With_the_real_filter_a_value_never_claimed_is_answered_without_reading_the_file()
    {
        using var ids = new FeedIdRegistry(10_000);
        for (var i = 0; i < 10_000; i++)
            ids.Claim($"value{i}", $"P{i}");
        var lookupsAfterClaims = ids.Lookups;

        for (var i = 0; i < 10_000; i++)
            Assert.Null(ids.OtherOwner($"other{i}", "nobody"));

        Assert.True(ids.Lookups - lookupsAfterClaims < 10, $"{ids.Lookups - lookupsAfterClaims} of 10,000 new values read the file");
        Assert.Equal("P5", ids.OtherOwner("VALUE5", "nobody"));
    }

    [Fact]
    public void The_spill_file_is_deleted_when_the_registry_is_disposed()
    {
        var folder = Directory.CreateTempSubdirectory("alma-registry-").FullName;
        try
        {
            using (var ids = new FeedIdRegistry(1, temporaryDirectory: folder))
            {
                ids.Claim("V1", "P1");
                Assert.Equal(OperatingSystem.IsWindows() ? 1 : 0, Directory.GetFiles(folder).Length); // on Unix unnamed while open
            }

            Assert.Empty(Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
