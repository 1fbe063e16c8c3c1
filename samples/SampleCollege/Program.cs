// The nightly job of a college, in its simplest form: read the SIS extract, map each patron to an Alma user,
// validate, write the valid ones to users.xml, zip it for Alma's SIS load, and report every rejected row.
//
//   dotnet run --project samples/SampleCollege [-- path/to/patrons.csv]
//
// Output goes to out/sample/ under the current folder.
using System.Globalization;
using System.IO.Compression;
using AlmaIntegrationKit;
using AlmaIntegrationKit.Sources;
using SampleCollege;
using SampleCollege.Alma;

const string InstitutionCode = "01RIVERSIDE_INST";

var input = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "Data", "patrons.csv");
var outputDirectory = Path.GetFullPath(Path.Combine("out", "sample"));
Directory.CreateDirectory(outputDirectory);
var usersPath = Path.Combine(outputDirectory, "users.xml");
var rejectsPath = Path.Combine(outputDirectory, "rejects.csv");

var startedUtc = DateTime.UtcNow;
var mapper = new PatronMapper(AlmaUserGroups.Map, DateOnly.FromDateTime(startedUtc));
int read = 0, written = 0, rejected = 0;

using (var rejects = new RejectsFile(rejectsPath))
using (var writer = new AlmaUsersWriter(File.Create(usersPath)))
{
    await foreach (var record in new CsvPatronSource(input).ReadAsync())
    {
        read++;
        var line = record.Position.Number;

        // The source already turned away rows it could not read (missing required value, bad date, bad CSV).
        if (record is SourceRejection rejection)
        {
            rejects.Add(line, rejection.PersonId, rejection.Field, rejection.Rule, rejection.Message);
            rejected++;
            continue;
        }

        var row = (PatronRow)record;
        var issues = new List<ValidationIssue>();
        var user = mapper.Map(row, issues);
        if (user is not null)
            AlmaUserValidator.Validate(user, issues);

        // Errors keep the user out of the file; warnings do not.
        var errors = issues.Where(issue => issue.Severity == IssueSeverity.Error).ToList();
        if (user is null || errors.Count > 0 || !writer.TryWrite(user, errors))
        {
            foreach (var error in errors)
                rejects.Add(line, row.PersonId, error.Path, error.Rule, error.Message);
            rejected++;
            continue;
        }

        written++;
    }

    writer.Complete();
}

// Alma's SIS load takes zip files: <institution>_sample_<UTC timestamp>.zip holding users.xml.
var zipPath = Path.Combine(outputDirectory,
    $"{InstitutionCode}_sample_{startedUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.zip");
using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
    zip.CreateEntryFromFile(usersPath, "users.xml", CompressionLevel.Optimal);

Console.WriteLine($"Rows read:     {read}");
Console.WriteLine($"Users written: {written}");
Console.WriteLine($"Rows rejected: {rejected}");
Console.WriteLine($"Users file:    {usersPath}");
Console.WriteLine($"Zip for Alma:  {zipPath}");
Console.WriteLine($"Rejects:       {rejectsPath}");

// Every row leaves as exactly one of written or rejected.
if (read != written + rejected)
{
    Console.Error.WriteLine($"Counts do not add up: {read} read != {written} written + {rejected} rejected.");
    return 1;
}

return 0;
