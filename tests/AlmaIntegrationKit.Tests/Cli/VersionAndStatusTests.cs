using System.Text.Json;
using AlmaIntegrationKit.Cli;
using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.Tests.Export;

namespace AlmaIntegrationKit.Tests.Cli;

/// <summary><c>--version</c>, the versions in manifest.json, <c>status --json</c> and a run in progress.</summary>
public sealed class VersionAndStatusTests : IDisposable
{
    private const string RunName = "01TEST_students_20300116T020000Z";
    private const string Publication = "Ex Libris Alma users schema, March 2021 publication";
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Version_prints_the_kit_generator_template_and_schema_publication()
    {
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("--version"));

        var kit = typeof(BuildVersions).Assembly.GetName().Version!;
        Assert.Contains($"  kit        AlmaIntegrationKit {kit.Major}.{kit.Minor}.{kit.Build}", _cli.Output);
        Assert.Contains("  generator  AlmaIntegrationKit.Generators 0.1.0", _cli.Output);
        Assert.Contains("  template   alma-sis (not recorded)", _cli.Output); // the test host was not made from the template
        Assert.Contains($"  schema     {Publication}, fingerprint {Alma.AlmaUserSchema.Instance.SchemaFingerprint}", _cli.Output);
        Assert.Matches("^[0-9a-f]{12}$", Alma.AlmaUserSchema.Instance.SchemaFingerprint);
    }

    [Fact]
    public async Task The_manifest_records_the_same_versions()
    {
        _cli.WriteFeed(new PatronFeed().Good(2));
        Assert.True(await _cli.RunAsync("run", "--dry-run") == ExitCodes.Success, _cli.Transcript);

        var path = Path.Combine(_cli.Outbox, "dry-run", RunName, RunManifest.FileName);
        var versions = RunManifest.ReadFrom(path).Versions;
        Assert.NotNull(versions);
        Assert.Equal("0.1.0", versions.Generator);
        Assert.Equal(Publication, versions.SchemaPublication);
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(Publication, json.RootElement.GetProperty("versions").GetProperty("schema_publication").GetString());
    }

    [Fact]
    public async Task Status_json_gives_runs_pending_zips_and_versions_for_monitoring()
    {
        _cli.WriteFeed(new PatronFeed().Good(3).Row("P90001", "u1", "XX"));
        _cli.Settings["Safety"] = new Dictionary<string, object> { ["MaxRejectPercent"] = 50 };
        _cli.WithFolderUpload();
        _cli.Section("Folder")["DirectoryCapBytes"] = 10; // the upload fails after the export: its zip stays pending
        Assert.True(await _cli.RunAsync("run") == ExitCodes.Error, _cli.Transcript);

        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("status", "--json"));

        using var json = JsonDocument.Parse(_cli.Output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("state_file_exists").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("run_in_progress_since_utc").ValueKind);
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray().ToList());
        Assert.Equal(RunName, run.GetProperty("run_name").GetString());
        Assert.Equal(4, run.GetProperty("rows_read").GetInt64());
        Assert.Equal(1, run.GetProperty("rejected").GetInt64());
        Assert.True(run.GetProperty("succeeded").GetBoolean());
        Assert.Equal(RunName + ".zip", Assert.Single(root.GetProperty("pending_uploads").EnumerateArray().ToList()).GetString());
        Assert.Equal("0.1.0", root.GetProperty("versions").GetProperty("generator").GetString());
    }

    [Fact]
    public async Task Status_shows_a_run_in_progress_from_the_outbox_lock_and_not_a_lock_file_left_behind()
    {
        using (OutboxLock.Take(_cli.Outbox))
        {
            Assert.Equal(ExitCodes.Success, await _cli.RunAsync("status"));
            Assert.Contains("A run or upload is working on the outbox now (since ", _cli.Output);
            Assert.Equal(ExitCodes.Success, await _cli.RunAsync("status", "--json"));
            using var json = JsonDocument.Parse(_cli.Output);
            Assert.Equal(JsonValueKind.String, json.RootElement.GetProperty("run_in_progress_since_utc").ValueKind);
        }

        File.WriteAllText(Path.Combine(_cli.Outbox, OutboxLock.FileName), "process 1\n"); // as a killed run leaves it
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("status"));
        Assert.DoesNotContain("working on the outbox now", _cli.Output);
        Assert.Contains("No runs yet", _cli.Output);
    }
}
