using AlmaIntegrationKit.Cli;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Sources;
using AlmaIntegrationKit.Tests.Alma;
using AlmaIntegrationKit.Tests.Export;

namespace AlmaIntegrationKit.Tests.Cli;

public sealed class StatusAndUploadTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Status_before_any_run_says_so()
    {
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("status"));
        Assert.Contains("No runs yet", _cli.Output);
    }

    [Fact]
    public async Task Status_after_two_runs_shows_both_with_their_counts_newest_first()
    {
        _cli.WithFolderUpload();
        _cli.WriteFeed(new PatronFeed().Good(4));
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("run"));
        _cli.Clock.Now = _cli.Clock.Now.AddDays(1);
        _cli.WriteFeed(new PatronFeed().Good(4).Row("P90001", "u1", "XX"));
        Assert.Equal(ExitCodes.Aborted, await _cli.RunAsync("run"));

        var code = await _cli.RunAsync("status");

        Assert.True(code == ExitCodes.Success, _cli.Transcript);
        var lines = _cli.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("Newest: 01TEST_students_20300117T020000Z", _cli.Output);
        var second = Array.FindIndex(lines, l => l.StartsWith("2030-01-17 02:00", StringComparison.Ordinal));
        var first = Array.FindIndex(lines, l => l.StartsWith("2030-01-16 02:00", StringComparison.Ordinal));
        Assert.True(second >= 0 && first > second, _cli.Transcript);
        Assert.Matches(@"aborted\s+5\s+4\s+0\s+1\s+0$", lines[second]); // rows, written, unchanged, rejected, leavers
        Assert.Matches(@"delivered\s+4\s+4\s+0\s+0\s+0$", lines[first]); // its zip was uploaded
        Assert.Contains("No zip is waiting for upload", _cli.Output);
        Assert.All(lines.Where(l => !l.StartsWith("  /", StringComparison.Ordinal)),
            l => Assert.True(l.Length <= 80, $"wider than 80 columns: '{l}'")); // paths are printed alone on their line
    }

    [Fact]
    public async Task On_an_interactive_terminal_status_is_a_table_and_run_logs_only_warnings()
    {
        _cli.WriteFeed(new PatronFeed().Good(3));
        var terminal = new StringWriter();
        _cli.Console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Ansi = Spectre.Console.AnsiSupport.No,
            ColorSystem = Spectre.Console.ColorSystemSupport.NoColors,
            Interactive = Spectre.Console.InteractionSupport.Yes,
            Out = new Spectre.Console.AnsiConsoleOutput(terminal),
        });
        _cli.Console.Profile.Width = 200;
        _cli.Interactive = true;
        _cli.WithFolderUpload();

        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("run"));
        Assert.DoesNotContain(" info ", _cli.Error);
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("status"));

        Assert.Contains("2030-01-16 02:00", terminal.ToString());
        Assert.Contains("│", terminal.ToString());
    }

    [Fact]
    public async Task Upload_places_the_pending_zips_of_the_outbox_once()
    {
        // An export that placed its zip in the outbox but was never uploaded (e.g. the upload failed).
        var feed = new PatronFeed().Good(3).WriteTo(Path.Combine(_cli.Root, "patrons.csv"));
        var result = await new ExportPipeline<User>(AlmaUserSchema.Instance, AlmaUserGroups.Map, new TestPatronMapper(), new ExportOptions
        {
            InstitutionCode = "01TEST",
            Profile = "students",
            OutboxDirectory = _cli.Outbox,
            StatePath = _cli.StatePath,
            StartedUtc = _cli.Clock.Now,
        }).RunAsync(new CsvPatronSource(feed));
        var zip = Assert.Single(result.Zips);
        _cli.WithFolderUpload();

        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("status"));
        Assert.Contains($"  {_cli.Outbox}\n1 zip(s) waiting for upload (the next 'run' places them first, or 'upload' now):\n  {zip.FileName}\n", _cli.Output.ReplaceLineEndings("\n"));

        var code = await _cli.RunAsync("upload");

        Assert.True(code == ExitCodes.Success, _cli.Transcript);
        Assert.True(File.Exists(Path.Combine(_cli.Dropbox, zip.FileName)));
        var log = PlacementLog.ReadFrom(Path.Combine(_cli.Outbox, result.RunName));
        Assert.True(log.IsPlaced(zip.FileName));

        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("upload"));
        Assert.Contains("Nothing to upload", _cli.Output);
    }

    [Fact]
    public async Task A_failed_upload_exits_1_and_leaves_the_zip_pending()
    {
        var feed = new PatronFeed().Good(2).WriteTo(Path.Combine(_cli.Root, "patrons.csv"));
        _cli.WithFolderUpload();
        // A file of the same name and another size is already in the dropbox: the upload refuses to overwrite it.
        File.WriteAllText(Path.Combine(_cli.Dropbox, "01TEST_students_20300116T020000Z.zip"), "not this one");

        var code = await _cli.RunAsync("run");

        Assert.True(code == ExitCodes.Error, _cli.Transcript);
        Assert.Contains("The upload failed", _cli.Error);
        Assert.Single(Outbox.Pending(_cli.Outbox));
        Assert.False(PlacementLog.ReadFrom(Path.Combine(_cli.Outbox, "01TEST_students_20300116T020000Z")).Uploads[0].Succeeded);
        _ = feed;
    }
}
