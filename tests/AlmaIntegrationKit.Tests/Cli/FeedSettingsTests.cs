using System.IO.Compression;
using System.Xml.Linq;
using AlmaIntegrationKit.Cli;
using AlmaIntegrationKit.Tests.Export;

namespace AlmaIntegrationKit.Tests.Cli;

/// <summary>The values a college sends for every user from its settings, and the log line about unread columns.</summary>
public sealed class FeedSettingsTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private List<XElement> DryRunUsers()
    {
        var zip = Directory.GetFiles(Path.Combine(_cli.Outbox, RunCommand<Alma.User>.DryRunFolder), "*.zip").Single();
        using var archive = ZipFile.OpenRead(zip);
        return archive.Entries.SelectMany(entry =>
        {
            using var stream = entry.Open();
            return XDocument.Load(stream).Root!.Elements("user").ToList();
        }).ToList();
    }

    [Fact]
    public async Task Preferred_language_and_rs_libraries_from_the_settings_reach_every_user()
    {
        _cli.WriteFeed(new PatronFeed().Good(2));
        _cli.Section("Export")["PreferredLanguage"] = "en";
        _cli.Section("Export")["RsLibraries"] = new[] { "MAIN", "LAW" };

        Assert.True(await _cli.RunAsync("run", "--dry-run") == ExitCodes.Success, _cli.Transcript);

        var users = DryRunUsers();
        Assert.Equal(["en", "en"], users.Select(u => (string?)u.Element("preferred_language")));
        Assert.All(users, u => Assert.Equal(["MAIN", "LAW"], u.Element("rs_libraries")!.Elements("rs_library").Select(l => (string?)l.Element("code"))));
    }

    [Fact]
    public async Task Rs_libraries_may_be_one_text_separated_by_bars()
    {
        _cli.WriteFeed(new PatronFeed().Good(1));
        _cli.Section("Export")["RsLibraries"] = "MAIN | LAW";

        Assert.True(await _cli.RunAsync("run", "--dry-run") == ExitCodes.Success, _cli.Transcript);

        Assert.Equal(["MAIN", "LAW"], DryRunUsers()[0].Element("rs_libraries")!.Elements("rs_library").Select(l => (string?)l.Element("code")));
    }

    [Fact]
    public async Task A_language_or_library_that_is_not_a_code_exits_1_naming_the_setting()
    {
        _cli.WriteFeed(new PatronFeed().Good(1));
        _cli.Section("Export")["PreferredLanguage"] = "English (US)";
        _cli.Section("Export")["RsLibraries"] = new[] { "Main Library" };

        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("run", "--dry-run"));

        Assert.Contains("Export:PreferredLanguage is 'English (US)'", _cli.Error);
        Assert.Contains("Export:RsLibraries holds 'Main Library'", _cli.Error);
    }

    [Fact]
    public async Task A_column_the_mapper_never_reads_is_listed_once_as_information()
    {
        var feed = new PatronFeed("person_id,login_id,last_name,patron_type,major,prefered_last_name,shoe_size")
            .Raw("P1,pat,Doe,UG,History,Smith,42")
            .Raw("P2,sam,Roe,UG,,Jones,44");
        _cli.WriteFeed(feed);

        Assert.True(await _cli.RunAsync("run", "--dry-run") == ExitCodes.Success, _cli.Transcript);

        var expected = "info patrons.csv: the mapper never read the columns \"prefered_last_name\" (did you mean \"preferred_last_name\"?), \"shoe_size\"";
        Assert.Contains(expected, _cli.Error);
        Assert.Equal(1, _cli.Error.Split(expected).Length - 1);
        Assert.DoesNotContain("\"major\"", _cli.Error); // the test mapper reads it
    }
}
