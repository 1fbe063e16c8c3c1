using System.IO.Compression;
using System.Text.RegularExpressions;
using AlmaIntegrationKit.Cli;
using AlmaSis.Template.Alma;

namespace AlmaSis.Template.Tests;

/// <summary>
/// The whole feed on samples/patrons.csv, as `dotnet run -- run --dry-run --input samples/patrons.csv` runs it:
/// appsettings.json, the mapper, the mapping file, validation, zips and reports. Nothing is uploaded.
/// </summary>
public sealed partial class DryRunTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("alma-sis-dry-run-").FullName;

    [Fact]
    public async Task The_samples_become_a_zip_and_the_bad_rows_are_in_the_reject_report()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await AlmaSisHost.RunAsync(
            ["run", "--dry-run", "--input", FeedProject.SamplesCsv, "--out", _out],
            AlmaUserSchema.Instance, AlmaUserGroups.Map, new PatronMapper(), options =>
            {
                options.WorkingDirectory = FeedProject.Directory;
                options.AppDirectory = FeedProject.Directory;
                options.UseUserSecrets = false;
                options.UseEnvironmentVariables = false;
                options.Interactive = false;
                options.UseJitProfile = false;
                options.Output = output;
                options.Error = error;
            });

        Assert.True(exitCode == 0, $"exit code {exitCode}{Environment.NewLine}{output}{Environment.NewLine}{error}");

        // Every row leaves as written, rejected or merged: the counts add up.
        var counts = Summary().Match(output.ToString());
        Assert.True(counts.Success, output.ToString());
        int Count(string name) => int.Parse(counts.Groups[name].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Count("rows"), Count("written") + Count("unchanged") + Count("rejected") + Count("merged"));
        Assert.InRange(Count("rejected"), 4, 8);
        Assert.True(Count("written") > 150, output.ToString());

        // The zip holds the users; the reject report names the rows that showed what Alma would refuse.
        var zip = Directory.GetFiles(_out, "*.zip", SearchOption.AllDirectories);
        Assert.NotEmpty(zip);
        using (var archive = ZipFile.OpenRead(Assert.Single(zip)))
            Assert.All(archive.Entries, entry => Assert.EndsWith(".xml", entry.FullName, StringComparison.Ordinal));
        var rejects = File.ReadAllText(Assert.Single(Directory.GetFiles(_out, "rejects.csv", SearchOption.AllDirectories)));
        Assert.Contains("unknown-patron-type", rejects, StringComparison.Ordinal);
        Assert.Contains("299194", rejects, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_out, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex(@"rows read\s+(?<rows>\d+) \((?<people>\d+) people\): (?<written>\d+) written, (?<unchanged>\d+) unchanged, (?<rejected>\d+) rejected, (?<merged>\d+) merged")]
    private static partial Regex Summary();
}
