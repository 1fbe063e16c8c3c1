using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Tests.Export;

public sealed class WaitingRowsTests
{
    private static PatronRow Row(long number, string personId, string? note = null, IReadOnlyDictionary<string, string?>? others = null)
    {
        var row = new PatronRow
        {
            Position = SourcePosition.Row("extract.sql", number),
            PersonId = personId,
            LastName = "Müller-Ng 𝒜",
            PatronType = "UG",
            Email = "a@example.edu",
            TermEndDate = new DateOnly(2030, 5, 31),
            BirthDate = new DateOnly(2001, 2, 3),
            AdditionalBarcodes = "X1|X2",
            Note = note,
        };
        return others is null ? row : row with { OtherValues = others };
    }

    [Fact]
    public void A_row_is_taken_back_equal_to_the_row_kept_from_the_buffer_and_from_the_file()
    {
        using var waiting = new WaitingRows();
        var others = new Dictionary<string, string?> { ["major"] = "History", ["minor"] = null };
        var rows = Enumerable.Range(1, 400).Select(i => Row(i, $"P{i}", note: i % 7 == 0 ? new string('n', 70_000) : null, others: i % 2 == 0 ? others : null)).ToList();

        var kept = rows.Select(waiting.Keep).ToList();

        Assert.Equal(rows.Count, waiting.Count);
        for (var i = rows.Count - 1; i >= 0; i--)
        {
            var taken = waiting.Take(kept[i]);
            Assert.Equal(rows[i], taken);
            Assert.Equal(rows[i].OtherValues, taken.OtherValues);
        }
    }
}
