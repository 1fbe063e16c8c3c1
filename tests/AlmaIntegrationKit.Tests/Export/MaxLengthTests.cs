using AlmaIntegrationKit.Export;

namespace AlmaIntegrationKit.Tests.Export;

/// <summary>
/// A value at exactly its schema maximum goes out; one character more is a reject of that row with the field path,
/// end to end through a run. Lengths are counted as XML Schema counts them: in characters (code points), so a name
/// of characters outside the Basic Multilingual Plane is as long as it looks, not twice as long.
/// </summary>
public sealed class MaxLengthTests : IDisposable
{
    private const int LastNameMax = 255; // rest_user.xsd: last_name is string255Length
    private static readonly string Supplementary = char.ConvertFromUtf32(0x1D49C); // 𝒜, two UTF-16 code units

    private readonly ExportHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_last_name_of_the_maximum_is_sent_and_one_character_more_is_rejected(bool outsideTheBasicPlane)
    {
        var unit = outsideTheBasicPlane ? Supplementary : "x";
        var atMax = string.Concat(Enumerable.Repeat(unit, LastNameMax));
        var overMax = atMax + unit;
        var feed = new PatronFeed().Row("P1", "u1", "UG", lastName: atMax).Row("P2", "u2", "UG", lastName: overMax);

        var result = await _harness.RunAsync(feed, _harness.Options() with { Safety = new SafetyOptions { MaxRejectPercent = 100 } });

        var user = Assert.Single(ExportHarness.Users(result));
        Assert.Equal("u1", (string?)user.Element("primary_id"));
        Assert.Equal(atMax, (string?)user.Element("last_name"));
        var line = Assert.Single(ExportHarness.RejectLines(result));
        Assert.StartsWith("patrons.csv,line,3,P2,last_name,max-length,", line);
    }
}
