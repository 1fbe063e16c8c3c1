using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Tests.Sources;

/// <summary>
/// <see cref="CsvPatronSource"/> reads plain records from spans and hands over to CsvHelper at the first record
/// CsvHelper's recovery must decide: the records (rows with every value, rejections with their messages) are the same
/// as CsvHelper's alone.
/// </summary>
public sealed class CsvPatronSourcePlainRecordsTests : IDisposable
{
    private const string Header = "person_id,last_name,first_name,patron_type,birth_date,term_end_date,address_line_1";
    private const string AllColumns = "person_id,login_id,barcode,first_name,middle_name,last_name,preferred_first_name,email,phone,"
        + "address_line_1,address_line_2,city,state,postal_code,country,patron_type,campus,term_end_date,birth_date,status";

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, bool> Files()
    {
        var files = new TheoryData<string, bool>();
        foreach (var file in CsvPatronKeyScannerTests.Files())
            files.Add((string)file[0], (bool)file[1]);

        // plain records first, then a record CsvHelper must read, then plain records again
        var plain = $"P1,Doe,Jane,STUDENT,2001-02-03,2026-05-31,\"1 Main St, Apt 2\"\nP2,Roe,Rick,STAFF,,,\"a\r\nb\"\n";
        files.Add($"{Header}\n{plain}P3,\"unclosed,Ed,STUDENT,,,\nP4,Lo,Bo,STAFF,,,\n{plain}", false);
        files.Add($"{Header}\r\n{plain}P3,Po\"e,Ed,STUDENT,,,\r\nP4,Lo,Bo,STAFF,,,\r\n", true);
        files.Add($"{Header}\n{plain}\nP3,\"Poe\"x,Ed,STUDENT,,,\n\nP4,Lo,Bo,STAFF,,,x,y\n", false);
        files.Add($"{Header}\n{plain}P3,Poe,Ed,STUDENT,,,\rP4,Lo,Bo,STAFF,,,\n{plain}", false);
        files.Add($"{Header}\n{plain}P3,Poe,Ed,STUDENT,,,\"{new string('x', CsvPatronSource.MaxFieldLength + 10)}\"\nP4,Lo,Bo,STAFF,,,\n", false);
        files.Add($"{Header}\n{plain}P3,Poe,Ed,STUDENT,,,{string.Join(",", Enumerable.Range(0, 600))}\n{plain}", false);
        files.Add($"{Header}\n{plain}P3,Poe,Ed,STUDENT,,,\"never closed\nP4,Lo,Bo,STAFF,,,\n", false);

        // every canonical column, white space, empty and bad values, non-ASCII text
        files.Add($"{AllColumns}\n"
            + " P1 , jd1 ,B1,Jane, Q ,Doe,Janie,jane@example.edu,+1 555,\"1 Main, Apt 2\",,Springfield,IL,62701,US,STUDENT,MAIN,2026-05-31,2001-02-03,ACTIVE\n"
            + "P2,,,,,Müller,,,,,,,,,,STAFF,,,,\n"
            + "P3,x,y,Zoë,,Ng,,,,,,,,,,STAFF,, 2026-13-01 ,1999-02-30,\n"
            + "P4,x,y,Al,,,,,,,,,,,,,,,,\n", false);
        return files;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Gives_the_same_records_as_CsvHelper_alone(string text, bool byteOrderMark)
    {
        var path = _folder.Write("feed.csv", text, byteOrderMark);

        var expected = await ReadAsync(new CsvPatronSource(path) { CsvHelperOnly = true });
        var actual = await ReadAsync(new CsvPatronSource(path));

        Assert.Equal(expected.Error, actual.Error);
        Assert.Equal(expected.Records, actual.Records);
    }

    private static async Task<(List<SourceRecord> Records, string? Error)> ReadAsync(CsvPatronSource source)
    {
        var records = new List<SourceRecord>();
        try
        {
            await foreach (var record in source.ReadAsync())
                records.Add(record);
        }
        catch (SourceConfigurationException exception)
        {
            return (records, exception.Message);
        }

        return (records, null);
    }
}
