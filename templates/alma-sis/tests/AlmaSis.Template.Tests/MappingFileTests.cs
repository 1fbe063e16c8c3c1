using AlmaIntegrationKit.Sources;
using AlmaSis.Template.Alma;

namespace AlmaSis.Template.Tests;

/// <summary>
/// alma-user-groups.csv, as the generator compiled it (AlmaUserGroups.Map). Mistakes in the file itself (a bad
/// duration, a duplicate code) are already build errors on its line; these tests check what a build cannot.
/// </summary>
public sealed class MappingFileTests
{
    [Fact]
    public async Task Every_patron_type_of_the_samples_is_mapped_except_the_deliberately_unknown_one()
    {
        var unmapped = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var record in new CsvPatronSource(FeedProject.SamplesCsv).ReadAsync())
        {
            if (record is PatronRow row && !AlmaUserGroups.Map.TryGetBySisCode(row.PatronType, out _))
                unmapped.Add(row.PatronType);
        }

        // VIS is the sample row that shows the reject report's unknown-patron-type.
        Assert.Equal(new[] { "VIS" }, unmapped);
    }

    [Fact]
    public void Every_group_has_its_own_weight_so_that_merges_are_predictable()
    {
        // A person in two rows (student and staff) keeps the group of highest weight; equal weights would leave the
        // choice to the order of the rows.
        var weights = AlmaUserGroups.Map.Rules.Select(rule => rule.Weight).ToList();

        Assert.Equal(weights.Count, weights.Distinct().Count());
    }

    [Fact]
    public void Everyone_expires_after_their_term_ends_and_is_purged_after_expiry()
    {
        var termEnd = new DateOnly(2027, 5, 14);
        foreach (var rule in AlmaUserGroups.Map.Rules)
        {
            var expiry = rule.ExpiryDate(termEnd, new DateOnly(2026, 9, 1));
            Assert.True(expiry > termEnd, $"{rule.SisCode}: expiry {expiry} is not after the term end");
            Assert.True(rule.PurgeDate(expiry) > expiry, $"{rule.SisCode}: the purge date is not after expiry");
        }
    }

    [Fact]
    public void The_generated_map_holds_every_row_of_the_file_in_the_project()
    {
        var codes = File.ReadLines(FeedProject.MappingFile).Skip(1).Where(line => line.Length > 0).Select(line => line.Split(',')[0]);

        Assert.Equal(codes.Order(StringComparer.Ordinal), AlmaUserGroups.Map.Rules.Select(rule => rule.SisCode).Order(StringComparer.Ordinal));
    }
}
