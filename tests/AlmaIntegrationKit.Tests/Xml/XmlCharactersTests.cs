using AlmaIntegrationKit.Xml;

namespace AlmaIntegrationKit.Tests.Xml;

public sealed class XmlCharactersTests
{
    [Theory]
    [InlineData("", -1)]
    [InlineData("Zoë O'Brien & Søren", -1)]
    [InlineData("tab\tline\nreturn\r", -1)]
    [InlineData("a\u0001b", 1)]
    [InlineData("ab\uFFFE", 2)]
    [InlineData("ab\uFFFF", 2)]
    [InlineData("smile \uD83D\uDE00 ok", -1)]
    [InlineData("éa\u0007", 2)]
    [InlineData("x\uE000\u0002", 2)]
    [InlineData("\uD83D\uDE00\u0003", 2)]
    [InlineData("王\u0000", 1)]
    public void IndexOfInvalid_finds_the_first_character_XML_cannot_carry(string value, int expected) =>
        Assert.Equal(expected, XmlCharacters.IndexOfInvalid(value));

    [Fact]
    public void IndexOfInvalid_finds_half_of_a_surrogate_pair()
    {
        // Built here, not in [InlineData]: a lone surrogate does not survive the trip through test metadata.
        const char high = '\uD83D', low = '\uDE00';
        Assert.Equal(1, XmlCharacters.IndexOfInvalid(new string(['a', high, 'b'])));
        Assert.Equal(0, XmlCharacters.IndexOfInvalid(new string([low])));
        Assert.Equal(2, XmlCharacters.IndexOfInvalid(new string([high, low, high])));
        Assert.Equal(3, XmlCharacters.IndexOfInvalid(new string(['é', high, low, low, 'x'])));
    }
}
