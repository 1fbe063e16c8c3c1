using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Results;
using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Tests.Export;

/// <summary>
/// A CSV field that is far too long, end to end through a run on a real file: read whole and rejected by validation
/// naming the field and the person_id, or, past the most a field is read to, rejected as too long, naming the column
/// and the person_id. Either way the other rows are written and the night's leavers are still sent.
/// </summary>
public sealed class LongFieldTests : IDisposable
{
    private readonly ExportHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private ExportOptions Night(int day) => _harness.Options(ExportHarness.Started.AddDays(day)) with
    {
        Safety = new SafetyOptions { MaxRejectPercent = 100, MaxDropPercent = 100 },
        Leavers = LeaverPolicy.SendInactive,
    };

    [Fact]
    public async Task A_last_name_of_70000_characters_is_rejected_as_too_long_with_its_person_id_and_leavers_are_still_sent()
    {
        await _harness.RunAsync(new PatronFeed().Good(3), Night(0));
        var feed = new PatronFeed()
            .Row("P00001", "user00001", "UG", lastName: new string('x', 70_000), barcode: "B00001")
            .Row("P00002", "user00002", "UG", barcode: "B00002", email: "user00002@example.edu"); // P00003 left

        var result = await _harness.RunAsync(feed, Night(1));

        var reject = Assert.Single(ExportHarness.RejectLines(result));
        Assert.StartsWith("patrons.csv,line,2,P00001,last_name,max-length,", reject);
        Assert.Contains("70000 characters long", reject);
        Assert.True(reject.Length < 500, "the reject names the length, not the value");
        Assert.Equal(new ExportCounts { RowsRead = 2, People = 2, Written = 1, Rejected = 1, LeaversWritten = 1 }, result.Counts);
        Assert.Equal(["user00002", "user00003"], ExportHarness.Users(result).Select(u => (string?)u.Element("primary_id")));
        Assert.Empty(result.Notices);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_field_past_the_most_a_field_is_read_to_rejects_its_row_naming_the_column_and_person_id(bool quotedOverSeveralLines)
    {
        await _harness.RunAsync(new PatronFeed().Good(4), Night(0));
        var huge = new string('n', CsvPatronSource.MaxFieldLength + 10);
        var note = quotedOverSeveralLines ? $"\"{huge}\nsecond line, \"\"quoted\"\"\nthird\"" : huge;
        var feed = new PatronFeed(
                "person_id,login_id,barcode,first_name,middle_name,last_name,preferred_first_name,email,phone,address_line1,address_line2,city,state,postal_code,country,patron_type,campus,term_end_date,birth_date,status,note")
            .Raw("P00001,user00001,B00001,Jo,,Doe,,,,,,,,,,UG,,2030-05-31,,,short note")
            .Raw($"P00002,user00002,B00002,Jo,,Doe,,,,,,,,,,UG,,2030-05-31,,,{note}")
            .Raw("P00003,user00003,B00003,Jo,,Doe,,,,,,,,,,UG,,2030-05-31,,,"); // P00004 left

        var result = await _harness.RunAsync(feed, Night(1));

        var reject = Assert.Single(ExportHarness.RejectLines(result));
        Assert.StartsWith("patrons.csv,line,3,P00002,note,field-too-long,", reject);
        Assert.Contains("note (column 21) is longer than 1,048,576 characters", reject);
        Assert.Equal(new ExportCounts { RowsRead = 3, People = 2, Written = 2, Rejected = 1, LeaversWritten = 1 }, result.Counts); // a row the source rejects is no person
        Assert.Equal(["user00001", "user00003", "user00004"], ExportHarness.Users(result).Select(u => (string?)u.Element("primary_id")));
        Assert.Empty(result.Notices);
    }
}
