using System.Text.Json;
using AlmaIntegrationKit.Cli;
using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.Tests.Export;

namespace AlmaIntegrationKit.Tests.Cli;

public sealed class RunCommandTests : IDisposable
{
    private const string RunName = "01TEST_students_20300116T020000Z";
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Dry_run_on_a_csv_exits_0_and_writes_the_zip_and_manifest_without_touching_the_state()
    {
        _cli.WriteFeed(new PatronFeed().Good(8).Row("P99999", "user99999", "XX"));
        _cli.Settings["Safety"] = new Dictionary<string, object> { ["MaxRejectPercent"] = 20 };

        var code = await _cli.RunAsync("run", "--dry-run");

        Assert.True(code == ExitCodes.Success, _cli.Transcript);
        var folder = Path.Combine(_cli.Outbox, RunCommand<Alma.User>.DryRunFolder);
        Assert.True(File.Exists(Path.Combine(folder, RunName + ".zip")), _cli.Transcript);
        var manifest = RunManifest.ReadFrom(Path.Combine(folder, RunName, RunManifest.FileName));
        Assert.Equal(9, manifest.Counts.RowsRead);
        Assert.Equal(8, manifest.Counts.Written);
        Assert.Equal(1, manifest.Counts.Rejected);
        foreach (var report in new[] { "run-report.html", "run-report.md", "run-summary.txt" })
            Assert.True(File.Exists(Path.Combine(folder, RunName, report)), report + "\n" + _cli.Transcript);
        Assert.Contains("8 written", _cli.Output);
        Assert.Contains("1 rejected", _cli.Output);
        Assert.False(File.Exists(_cli.StatePath), "a dry run must not create or change the state file");
        Assert.False(Directory.Exists(_cli.Dropbox));
        Assert.DoesNotContain("user0000", _cli.Output + _cli.Error); // no personal data in the console
        Assert.Contains(" info Run 01TEST_students_20300116T020000Z: 9 rows, 9 people: 8 written", _cli.Error); // plain log lines for a scheduled job
    }

    [Fact]
    public async Task Input_and_out_override_the_configured_source_and_outbox()
    {
        _cli.WriteFeed(new PatronFeed().Good(3), "other.csv");
        var code = await _cli.RunAsync("run", "--dry-run", "--input", "other.csv", "--out", "elsewhere", "--full");

        Assert.True(code == ExitCodes.Success, _cli.Transcript);
        Assert.True(File.Exists(Path.Combine(_cli.Root, "elsewhere", RunName + ".zip")), _cli.Transcript);
    }

    [Fact]
    public async Task The_run_report_charts_the_earlier_runs_of_the_state_and_this_one()
    {
        _cli.WithFolderUpload();
        _cli.WriteFeed(new PatronFeed().Good(4));
        _cli.Clock.Now = _cli.Clock.Now.AddDays(-1);
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("run"));
        _cli.WriteFeed(new PatronFeed().Good(5));
        _cli.Clock.Now = _cli.Clock.Now.AddDays(1);

        var code = await _cli.RunAsync("run");

        Assert.True(code == ExitCodes.Success, _cli.Transcript);
        var html = File.ReadAllText(Path.Combine(_cli.Outbox, RunName, "run-report.html"));
        Assert.Contains("<h2>The last 2 runs</h2>", html);
        Assert.Contains("<td>01TEST_students_20300115T020000Z</td>", html);
        Assert.Contains("<td>" + RunName + " (this run)</td>", html);
        Assert.Contains("id=\"chart-history\"", html);
    }

    [Fact]
    public async Task A_threshold_exits_2_with_the_reason_and_places_nothing()
    {
        _cli.WithFolderUpload();
        _cli.WriteFeed(new PatronFeed().Good(5).Row("P90001", "u1", "XX").Row("P90002", "u2", "XX"));

        var code = await _cli.RunAsync("run");

        Assert.True(code == ExitCodes.Aborted, _cli.Transcript);
        Assert.Contains("Aborted by Safety:MaxRejectPercent", _cli.Error);
        Assert.Contains("2 of 7 rows rejected", _cli.Error);
        Assert.Empty(Directory.GetFiles(_cli.Outbox, "*.zip"));
        Assert.Empty(Directory.GetFiles(_cli.Dropbox));
    }

    [Fact]
    public async Task Force_places_and_uploads_despite_a_threshold()
    {
        _cli.WithFolderUpload();
        _cli.WriteFeed(new PatronFeed().Good(5).Row("P90001", "u1", "XX").Row("P90002", "u2", "XX"));

        var code = await _cli.RunAsync("run", "--force");

        Assert.True(code == ExitCodes.Success, _cli.Transcript);
        Assert.True(File.Exists(Path.Combine(_cli.Dropbox, RunName + ".zip")), _cli.Transcript);
    }

    [Fact]
    public async Task Run_uploads_to_a_folder_and_records_the_placements_beside_the_manifest()
    {
        _cli.WithFolderUpload();
        _cli.WriteFeed(new PatronFeed().Good(4));

        var code = await _cli.RunAsync("run");

        Assert.True(code == ExitCodes.Success, _cli.Transcript);
        var placed = Path.Combine(_cli.Dropbox, RunName + ".zip");
        Assert.True(File.Exists(placed), _cli.Transcript);
        Assert.Empty(Directory.GetFiles(_cli.Dropbox, "*.part"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(_cli.Outbox, RunName + ".zip")), File.ReadAllBytes(placed));

        var runFolder = Path.Combine(_cli.Outbox, RunName);
        Assert.True(File.Exists(Path.Combine(runFolder, RunManifest.FileName)));
        var log = PlacementLog.ReadFrom(runFolder);
        var upload = Assert.Single(log.Uploads);
        Assert.True(upload.Succeeded);
        var file = Assert.Single(upload.Files);
        Assert.Equal(RunName + ".zip", file.Name);
        Assert.Equal(Path.GetFullPath(placed), file.RemotePath);
        Assert.Equal(_cli.Clock.Now, upload.StartedUtc);
        Assert.Equal(AlmaIntegrationKit.Transfer.PlacementOutcome.Uploaded, file.Outcome);
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(runFolder, PlacementLog.FileName))))
            Assert.True(json.RootElement.GetProperty("uploads")[0].GetProperty("files")[0].TryGetProperty("placed_at_utc", out _));

        // The manifest itself says where and when each zip was placed.
        var manifestPlacement = Assert.Single(RunManifest.ReadFrom(Path.Combine(runFolder, RunManifest.FileName)).Placements);
        Assert.Equal((RunName + ".zip", Path.GetFullPath(placed), "uploaded"), (manifestPlacement.Name, manifestPlacement.RemotePath, manifestPlacement.Outcome));
        Assert.Equal(file.PlacedAtUtc, manifestPlacement.PlacedAtUtc);
        Assert.Equal(upload.Destination, manifestPlacement.Destination);

        Assert.True(File.Exists(_cli.StatePath));
        Assert.Contains("uploaded", _cli.Output);

        // Nothing is pending any more.
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("upload"));
        Assert.Contains("Nothing to upload", _cli.Output);
    }

    [Fact]
    public async Task A_missing_institution_code_exits_1_naming_the_setting_without_a_stack_trace()
    {
        _cli.WriteFeed(new PatronFeed().Good(2));
        ((Dictionary<string, object>)_cli.Settings["Export"]).Remove("InstitutionCode");

        var code = await _cli.RunAsync("run", "--dry-run");

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("Export:InstitutionCode is not set", _cli.Error);
        Assert.DoesNotContain("   at ", _cli.Error);
        Assert.False(Directory.Exists(_cli.Outbox));
    }

    [Fact]
    public async Task A_missing_input_file_exits_1_naming_the_file()
    {
        var code = await _cli.RunAsync("run", "--dry-run");

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("Source:Path", _cli.Error);
        Assert.Contains("patrons.csv' does not exist", _cli.Error);
        Assert.DoesNotContain("   at ", _cli.Error);

        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("run", "--dry-run", "--input", "nowhere.csv"));
        Assert.Contains("nowhere.csv' (--input) does not exist", _cli.Error);
    }

    [Fact]
    public async Task Every_configuration_problem_is_reported_at_once()
    {
        _cli.Settings["Export"] = new Dictionary<string, object> { ["UsersPerFile"] = "many", ["LeaverPolicy"] = "Delete" };
        _cli.Settings["Safety"] = new Dictionary<string, object> { ["MaxDropPercent"] = "150" };
        _cli.Settings["Source"] = new Dictionary<string, object> { ["Kind"] = "oracle" };

        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("run", "--dry-run"));

        Assert.Contains("Export:InstitutionCode is not set", _cli.Error);
        Assert.Contains("Export:Profile is not set", _cli.Error);
        Assert.Contains("Export:UsersPerFile is 'many'", _cli.Error);
        Assert.Contains("Export:LeaverPolicy is 'Delete'", _cli.Error);
        Assert.Contains("Safety:MaxDropPercent is '150'", _cli.Error);
        Assert.Contains("dotnet add package Oracle.ManagedDataAccess.Core", _cli.Error);
    }

    [Fact]
    public async Task A_run_without_upload_settings_exits_1_before_exporting()
    {
        _cli.WriteFeed(new PatronFeed().Good(2));

        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("run"));

        Assert.Contains("Upload:Kind is not set", _cli.Error);
        Assert.False(Directory.Exists(_cli.Outbox));
    }

    [Fact]
    public async Task A_source_with_a_missing_column_exits_1_with_the_sources_message()
    {
        File.WriteAllText(Path.Combine(_cli.Root, "patrons.csv"), "person_id,last_name\nP1,Doe\n");

        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("run", "--dry-run"));

        Assert.Contains("patron_type", _cli.Error);
        Assert.DoesNotContain("   at ", _cli.Error);
    }

    [Fact]
    public async Task Full_and_delta_together_exit_1()
    {
        _cli.WriteFeed(new PatronFeed().Good(2));
        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("run", "--dry-run", "--full", "--delta"));
        Assert.Contains("--full and --delta", _cli.Error);
    }

    [Fact]
    public async Task Delta_after_a_full_run_writes_only_the_changes()
    {
        _cli.WithFolderUpload();
        _cli.WriteFeed(new PatronFeed().Good(4));
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("run"));

        _cli.Clock.Now = _cli.Clock.Now.AddDays(1);
        _cli.WriteFeed(new PatronFeed().Good(4).Good(1, start: 5));
        var code = await _cli.RunAsync("run", "--delta");

        Assert.True(code == ExitCodes.Success, _cli.Transcript);
        Assert.Contains("1 written, 4 unchanged", _cli.Output);
    }
    [Fact]
    public async Task A_named_pipe_as_the_input_is_refused_before_anything_is_read()
    {
        var pipe = Path.Combine(_cli.Root, "patrons.pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [pipe]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // No writer: a run that opened the pipe the usual way would wait for one forever.
        var code = await _cli.RunAsync("run", "--dry-run", "--input", "patrons.pipe");

        Assert.True(code == ExitCodes.Error, _cli.Transcript);
        Assert.Contains("The source could not be read: ", _cli.Error);
        Assert.Contains("is a pipe", _cli.Error);
        Assert.Contains("the source is read twice", _cli.Error);
        Assert.Contains("give a file, not a pipe", _cli.Error);
        Assert.DoesNotContain("   at ", _cli.Output + _cli.Error);
        Assert.False(Directory.Exists(_cli.Outbox) && Directory.GetFiles(_cli.Outbox, "*.zip", SearchOption.AllDirectories).Length > 0);
    }
}
