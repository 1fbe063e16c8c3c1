using AlmaIntegrationKit.Cli;
using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.Tests.Export;

namespace AlmaIntegrationKit.Tests.Cli;

/// <summary>Export:KeepDays, dry runs labelled as such, and the messages for a damaged or busy state file.</summary>
public sealed class OutboxHousekeepingTests : IDisposable
{
    private const string FirstRun = "01TEST_students_20300116T020000Z";
    private readonly CliHarness _cli = new();

    public OutboxHousekeepingTests()
    {
        _cli.WithFolderUpload();
        _cli.Section("Safety")["MaxDropPercent"] = 100;
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Runs_older_than_keep_days_are_pruned_with_their_zips_and_younger_ones_are_kept()
    {
        _cli.Section("Export")["KeepDays"] = 30;
        _cli.WriteFeed(new PatronFeed().Good(5));
        Assert.True(await _cli.RunAsync("run") == ExitCodes.Success, _cli.Transcript);
        Assert.True(await _cli.RunAsync("run", "--dry-run") == ExitCodes.Success, _cli.Transcript);
        var dryRuns = Path.Combine(_cli.Outbox, RunCommand<Alma.User>.DryRunFolder);

        _cli.Clock.Now = _cli.Clock.Now.AddDays(30);
        _cli.WriteFeed(new PatronFeed().Good(6));
        Assert.True(await _cli.RunAsync("run") == ExitCodes.Success, _cli.Transcript);
        Assert.True(File.Exists(Path.Combine(_cli.Outbox, FirstRun + ".zip")), "30 days old: kept\n" + _cli.Transcript);

        _cli.Clock.Now = _cli.Clock.Now.AddDays(1);
        _cli.WriteFeed(new PatronFeed().Good(7));
        Assert.True(await _cli.RunAsync("run") == ExitCodes.Success, _cli.Transcript);
        Assert.False(File.Exists(Path.Combine(_cli.Outbox, FirstRun + ".zip")), _cli.Transcript);
        Assert.False(Directory.Exists(Path.Combine(_cli.Outbox, FirstRun)), _cli.Transcript);
        Assert.Empty(Directory.GetFiles(dryRuns, "*.zip"));
        Assert.Empty(Directory.GetDirectories(dryRuns));
        Assert.Equal(2, Directory.GetFiles(_cli.Outbox, "*.zip").Length);
        Assert.True(File.Exists(Path.Combine(_cli.Dropbox, FirstRun + ".zip")), "pruning is local only");
    }

    [Fact]
    public async Task A_zip_that_was_never_placed_is_kept_whatever_its_age()
    {
        _cli.Section("Export")["KeepDays"] = 1;
        _cli.WriteFeed(new PatronFeed().Good(5));
        Assert.True(await _cli.RunAsync("run") == ExitCodes.Success, _cli.Transcript);
        File.Delete(Path.Combine(_cli.Outbox, FirstRun, PlacementLog.FileName)); // as if the upload had failed

        _cli.Clock.Now = _cli.Clock.Now.AddDays(5);
        Assert.True(await _cli.RunAsync("run") == ExitCodes.Success, _cli.Transcript);

        Assert.True(File.Exists(Path.Combine(_cli.Outbox, FirstRun + ".zip")), _cli.Transcript);
        Assert.Contains("never placed", _cli.Error);
    }

    [Fact]
    public async Task A_dry_run_is_labelled_in_the_manifest_report_and_summary_and_upload_never_places_its_zips()
    {
        _cli.WriteFeed(new PatronFeed().Good(5));
        Assert.True(await _cli.RunAsync("run", "--dry-run", "--out", "outbox") == ExitCodes.Success, _cli.Transcript);

        var folder = Path.Combine(_cli.Outbox, FirstRun);
        Assert.Contains("\"dry_run\": true", File.ReadAllText(Path.Combine(folder, RunManifest.FileName)));
        Assert.False(RunManifest.ReadFrom(Path.Combine(folder, RunManifest.FileName)).Placed);
        Assert.Contains("DRY RUN: NOTHING PLACED", File.ReadAllText(Path.Combine(folder, "run-summary.txt")));
        Assert.Contains("dry run: nothing placed", File.ReadAllText(Path.Combine(folder, "run-report.html")));
        var html = File.ReadAllText(Path.Combine(folder, "run-report.html"));
        Assert.DoesNotContain("\">placed</span>", html); // the outcome badge
        Assert.Matches(@"\(this run\)</td>(<td>[^<]*</td>){3}<td>no</td>", html); // the history's row of this run: nothing placed
        Assert.Contains("(dry run)", _cli.Output);

        Assert.True(await _cli.RunAsync("upload") == ExitCodes.Success, _cli.Transcript);
        Assert.Empty(Directory.GetFiles(_cli.Dropbox));
        Assert.Contains("from dry runs", _cli.Output);
    }

    [Fact]
    public async Task A_damaged_state_file_gets_a_message_that_names_it_and_the_fix()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_cli.StatePath)!);
        File.WriteAllText(_cli.StatePath, "this is not a database, it is a text file that someone saved over it........................");
        _cli.WriteFeed(new PatronFeed().Good(5));

        Assert.True(await _cli.RunAsync("run") == ExitCodes.Error, _cli.Transcript);
        Assert.Contains($"The state file {_cli.StatePath} is damaged", _cli.Error);
        Assert.Contains("Restore it from your backup", _cli.Error);
        Assert.DoesNotContain("SqliteException", _cli.Error);
        Assert.Empty(Directory.GetFiles(_cli.Dropbox));

        Assert.True(await _cli.RunAsync("status") == ExitCodes.Error, _cli.Transcript);
        Assert.Contains($"The state file {_cli.StatePath} is damaged", _cli.Error);
    }

    [Fact]
    public async Task A_second_real_run_on_one_state_is_told_another_run_uses_it()
    {
        _cli.WriteFeed(new PatronFeed().Good(5));
        Directory.CreateDirectory(Path.GetDirectoryName(_cli.StatePath)!);
        using (new FileStream(_cli.StatePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            Assert.True(await _cli.RunAsync("run", "--out", "other-outbox") == ExitCodes.Error, _cli.Transcript);
        }

        Assert.Contains($"Another run is using the state file {_cli.StatePath}", _cli.Error);
        Assert.True(await _cli.RunAsync("run") == ExitCodes.Success, _cli.Transcript);
    }
}
