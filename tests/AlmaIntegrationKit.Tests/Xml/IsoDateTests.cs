using System.Globalization;
using System.Text;
using AlmaIntegrationKit.Xml;

namespace AlmaIntegrationKit.Tests.Xml;

/// <summary>The fast yyyy-MM-dd parse and format give exactly what the framework gives with the invariant culture.</summary>
public sealed class IsoDateTests
{
    [Fact]
    public void Formats_every_day_of_the_calendar_as_the_framework_does_and_parses_it_back()
    {
        Span<byte> bytes = stackalloc byte[10];
        for (var day = DateOnly.MinValue; ; day = day.AddDays(1))
        {
            AlmaXmlValues.FormatIsoDate(day, bytes);
            var expected = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.Equal(expected, Encoding.ASCII.GetString(bytes));
            Assert.True(AlmaXmlValues.TryParseIsoDate(expected, out var parsed));
            Assert.Equal(day, parsed);
            if (day == DateOnly.MaxValue)
                break;
        }
    }

    [Theory]
    [InlineData("2024-02-29")]
    [InlineData("2023-02-29")] // not a leap year
    [InlineData("2024-04-31")]
    [InlineData("2024-13-01")]
    [InlineData("2024-00-10")]
    [InlineData("2024-01-00")]
    [InlineData("0000-01-01")]
    [InlineData("2024-1-05")] // one-digit month: the framework decides
    [InlineData("2024-01-5")]
    [InlineData("+024-01-05")]
    [InlineData("2024/01/05")]
    [InlineData("2024-01-05 ")]
    [InlineData(" 2024-01-05")]
    [InlineData("20240105")]
    [InlineData("٢٠٢٤-٠١-٠٥")] // Arabic-Indic digits are not ASCII digits
    [InlineData("2024-01-0a")]
    [InlineData("")]
    [InlineData("12024-01-05")]
    public void Accepts_and_refuses_exactly_what_the_framework_does(string text)
    {
        var expectedOk = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expected);

        var ok = AlmaXmlValues.TryParseIsoDate(text, out var date);

        Assert.Equal(expectedOk, ok);
        Assert.Equal(expected, date);
    }

    [Fact]
    public void Agrees_with_the_framework_on_random_ten_character_texts_of_digits_and_dashes()
    {
        var random = new Random(20261130);
        const string alphabet = "0123456789-";
        Span<char> text = stackalloc char[10];
        for (var i = 0; i < 200_000; i++)
        {
            for (var j = 0; j < text.Length; j++)
                text[j] = j is 4 or 7 && random.Next(8) != 0 ? '-' : alphabet[random.Next(j is 4 or 7 ? 11 : 10)];
            var expectedOk = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expected);
            Assert.Equal(expectedOk, AlmaXmlValues.TryParseIsoDate(text, out var date));
            Assert.Equal(expected, date);
        }
    }
}
