using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Results;

namespace AlmaIntegrationKit.Tests.Export;

/// <summary>
/// A delta run sends again a person whose record changed in any kind of field (identifier, user group, expiry date,
/// status, name, address, phone, email), and nobody else: the fingerprint covers the whole record.
/// </summary>
public sealed class DeltaChangeDetectionTests : IDisposable
{
    private readonly ExportHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private static string Line(int n, string barcode = "", string lastName = "Doe", string email = "", string phone = "555-0100",
        string address = "1 Main St", string group = "UG", string termEnd = "2030-05-31", string status = "ACTIVE") =>
        $"P{n:D3},user{n:D3},{(barcode.Length > 0 ? barcode : $"B{n:D3}")},Jo,,{lastName},,{(email.Length > 0 ? email : $"user{n:D3}@example.edu")},{phone},{address},,Springfield,,,,{group},,{termEnd},,{status}";

    private static PatronFeed Feed(params string[] lines)
    {
        var feed = new PatronFeed();
        foreach (var line in lines)
            feed.Raw(line);
        return feed;
    }

    public static TheoryData<string, string> Changes() => new()
    {
        { "identifier (barcode)", Line(1, barcode: "B999") },
        { "user group", Line(1, group: "GR") },
        { "expiry date", Line(1, termEnd: "2031-05-31") },
        { "status", Line(1, status: "INACTIVE") },
        { "name", Line(1, lastName: "Smith") },
        { "address", Line(1, address: "2 Main St") },
        { "phone", Line(1, phone: "555-0199") },
        { "email", Line(1, email: "new@example.edu") },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task A_change_to_one_field_is_sent_again_and_nobody_else_is(string field, string changedLine)
    {
        var everyone = Enumerable.Range(1, 5).Select(n => Line(n)).ToArray();
        var options = _harness.Options() with { Safety = new SafetyOptions { MaxDropPercent = 100 } };
        var first = await _harness.RunAsync(Feed(everyone), options);
        Assert.Equal(5, first.Counts.Written);
        Assert.Equal(0, first.Counts.Rejected);

        var next = _harness.Options(ExportHarness.Started.AddDays(1)) with { Mode = ExportMode.Delta, Safety = options.Safety };
        var unchanged = await _harness.RunAsync(Feed(everyone), next with { StartedUtc = ExportHarness.Started.AddDays(1) });
        Assert.True(unchanged.Counts.Written == 0, "an unchanged extract sends nobody");

        var changed = everyone.ToArray();
        changed[0] = changedLine;
        var result = await _harness.RunAsync(Feed(changed), next with { StartedUtc = ExportHarness.Started.AddDays(2) });

        Assert.True(result.Counts.Written == 1, field);
        Assert.Equal(4, result.Counts.Unchanged);
        Assert.Equal(["user001"], ExportHarness.Users(result).Select(u => (string?)u.Element("primary_id")));
    }
}
