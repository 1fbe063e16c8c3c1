using AlmaIntegrationKit.Export;

namespace AlmaIntegrationKit.Tests.Export;

/// <summary>The id registry: first claim wins, compared ignoring case, and the owner's person_id comes back exactly.</summary>
public sealed class FeedIdRegistryTests
{
    [Fact]
    public void The_first_claim_wins_ignoring_case_and_the_same_person_may_repeat_a_value()
    {
        var ids = new FeedIdRegistry(4);
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
        var ids = new FeedIdRegistry(4);
        var owner = ids.Owner(personId);
        ids.Claim("V1", owner);
        ids.Claim("V2", owner);

        Assert.Null(ids.OtherOwner("v1", personId));
        Assert.Equal(personId, ids.OtherOwner("v2", personId + "x"));
        Assert.Equal(personId, ids.OtherOwner("V1", "other"));
    }

    [Fact]
    public void Holds_many_owners_across_chunks_and_growth_including_person_ids_longer_than_a_chunk()
    {
        var ids = new FeedIdRegistry(16); // grows on the way
        var longId = new string('L', 100_000);
        var longWideId = new string('é', 40_000);
        var people = Enumerable.Range(0, 30_000).Select(i => i % 1000 == 7 ? longId + i : i % 1000 == 9 ? longWideId + i : $"PERSON-{i}").ToList();
        for (var i = 0; i < people.Count; i++)
        {
            var owner = ids.Owner(people[i]);
            ids.Claim($"login{i}", owner);
            ids.Claim($"barcode{i}", owner);
        }

        Assert.Equal(60_000, ids.Count);
        for (var i = 0; i < people.Count; i++)
        {
            Assert.Equal(people[i], ids.OtherOwner($"LOGIN{i}", "nobody"));
            Assert.Null(ids.OtherOwner($"Barcode{i}", people[i]));
        }
    }
}
