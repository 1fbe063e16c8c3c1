using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Tests.Sources;

/// <summary>The light first-pass scan gives the same record numbers and verdicts as <see cref="CsvPatronSource"/>, or declines.</summary>
public sealed class CsvPatronKeyScannerTests : IDisposable
{
    private const string Header = "person_id,last_name,first_name,patron_type,birth_date,term_end_date,address_line_1";

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, bool, bool> Files() => new()
    {
        // text, byte order mark, the scan must handle it (not decline)
        { $"{Header}\r\nP1,Doe,Jane,STUDENT,2001-02-03,2026-05-31,\"1 Main St, Apt 2\"\r\nP2,Roe,Rick,STAFF,,,\r\n", false, true },
        { $"{Header}\nP1,Doe,Jane,STUDENT,,,x\nP1,Doe,Jane,STAFF,,,y\n", true, true },
        { $"{Header}\nP1,Doe,Jane,STUDENT,,,\"line one\nline two\"\nP2,Roe,Rick,STAFF,,,\"a\r\nb\r\nc\"\nP3,Poe,Ed,STUDENT,,,\n", false, true },
        { $"{Header}\n\nP1,Doe,Jane,STUDENT,,,\n   \n\nP2,Roe,Rick,STAFF,,,\n\n", false, true },
        { $"\n\n{Header}\nP1,Doe,Jane,STUDENT,,,\n", false, true },
        { $"{Header}\nP1,Doe,Jane,STUDENT,,,,extra\nP2,Roe,Rick\nP3,,Ed,STUDENT,,,\n,Moe,Al,STUDENT,,,\nP5,Lo,Bo,,,,\nP6,Ko,Jo,STUDENT,2001-13-01,,\nP7,Zo,Yo,STUDENT, 2001-01-01 ,,\nP8,Xo,Wo,STUDENT,,31/12/2026,\n", false, true },
        { $"{Header}\n\"P1\",\"Doe\",\"Jane\",\"STUDENT\",\"\",\"\",\"He said \"\"hi\"\"\"\n\" P2 \",Roe,Rick, STAFF ,,,\n\"P\"\"3\",Poe,Ed,STUDENT,,,\n", false, true },
        { $"{Header}\nP1,Doe,Jane,STUDENT,,,last line without a line break", false, true },
        { $"{Header}\nP1,Doe,Jane,STUDENT,,,\"quoted at the end\"", false, true },
        { $"{Header}\r\nP1,Doe,Jane,STUDENT,,,\r\n\r\n", false, true },
        { $"{Header}\nP1,Müller,Zoë,STUDENT,,,Straße 1\n", true, true },
        // broken quotes, lone CRs: CsvHelper's recovery decides, so the scan may decline
        { $"{Header}\nP1,Doe,Jane,STUDENT,,,\"unclosed\nP2,Roe,Rick,STAFF,,,\nP3,Poe,Ed,STUDENT,,,\n", false, false },
        { $"{Header}\nP1,Do\"e,Jane,STUDENT,,,\nP2,Roe,Rick,STAFF,,,\n", false, false },
        { $"{Header}\nP1,\"Doe\"x,Jane,STUDENT,,,\nP2,Roe,Rick,STAFF,,,\n", false, false },
        { $"{Header}\rP1,Doe,Jane,STUDENT,,,\rP2,Roe,Rick,STAFF,,,\r", false, false },
        { "", false, false },
        { "first_name,last_name\nJane,Doe\n", false, false },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Gives_the_same_numbers_and_verdicts_as_the_csv_source_or_declines(string text, bool byteOrderMark, bool mustScan)
    {
        var path = _folder.Write("feed.csv", text, byteOrderMark);
        var scanned = new Recorder();
        var handled = CsvPatronKeyScanner.TryScan(path, scanned);

        if (mustScan)
            Assert.True(handled);
        if (!handled)
            return;

        var expected = new List<string>();
        await foreach (var record in new CsvPatronSource(path).ReadAsync())
        {
            expected.Add(record is PatronRow row
                ? $"row {row.Position.Number} {row.PersonId} {row.PatronType}"
                : $"not a row {record.Position.Number}");
        }

        Assert.Equal(expected, scanned.Seen);
    }

    private sealed class Recorder : IPatronKeyVisitor
    {
        public List<string> Seen { get; } = [];

        public void Row(long number, ReadOnlySpan<char> personId, ReadOnlySpan<char> patronType) =>
            Seen.Add($"row {number} {personId} {patronType}");

        public void NotARow(long number) => Seen.Add($"not a row {number}");
    }
}
