using AlmaIntegrationKit.Cli;
using AlmaIntegrationKit.Tests.Export;

namespace AlmaIntegrationKit.Tests.Cli;

public sealed class HostTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Help_lists_the_commands()
    {
        Assert.Equal(0, await _cli.RunAsync("--help"));

        foreach (var command in new[] { "run", "validate", "status", "upload", "test-connection" })
            Assert.Contains(command, _cli.Output);
    }

    [Fact]
    public async Task Run_help_lists_its_options()
    {
        Assert.Equal(0, await _cli.RunAsync("run", "--help"));

        foreach (var option in new[] { "--dry-run", "--full", "--delta", "--input", "--out", "--force", "--verbose" })
            Assert.Contains(option, _cli.Output);
    }

    [Fact]
    public async Task Settings_on_the_command_line_override_appsettings()
    {
        _cli.WriteFeed(new PatronFeed().Good(2));

        var code = await _cli.RunAsync("run", "--dry-run", "--Export:InstitutionCode=01CLI", "--Export:Profile", "staff");

        Assert.True(code == ExitCodes.Success, _cli.Transcript);
        Assert.Single(Directory.GetFiles(Path.Combine(_cli.Outbox, "dry-run"), "01CLI_staff_*.zip"));
    }

    [Fact]
    public async Task A_mistyped_option_exits_1_instead_of_becoming_a_setting()
    {
        _cli.WriteFeed(new PatronFeed().Good(2));

        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("run", "--dryrun"));

        Assert.Contains("Unknown option '--dryrun'", _cli.Error);
    }

    [Fact]
    public async Task An_unknown_command_exits_1()
    {
        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("export"));
    }

    [Fact]
    public async Task Environment_variables_are_read_with_and_without_the_ALMA_prefix()
    {
        _cli.WriteFeed(new PatronFeed().Good(2));
        ((Dictionary<string, object>)_cli.Settings["Export"]).Remove("InstitutionCode");
        var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        _cli.UseEnvironmentVariables = true;
        _cli.Settings["Export"] = new Dictionary<string, object> { ["Outbox"] = "outbox", ["StateFile"] = "state/export-state.db" };
        Environment.SetEnvironmentVariable("Export__InstitutionCode", "01ENV" + suffix);
        Environment.SetEnvironmentVariable("ALMA_Export__Profile", "env" + suffix);
        try
        {
            var code = await _cli.RunAsync("run", "--dry-run");

            Assert.True(code == ExitCodes.Success, _cli.Transcript);
            Assert.Single(Directory.GetFiles(Path.Combine(_cli.Outbox, "dry-run"), $"01ENV{suffix}_env{suffix}_*.zip"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("Export__InstitutionCode", null);
            Environment.SetEnvironmentVariable("ALMA_Export__Profile", null);
        }
    }

    [Fact]
    public async Task Malformed_appsettings_exits_1_naming_the_file()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        File.WriteAllText(Path.Combine(_cli.Root, "appsettings.json"), "{ \"Export\": { ");

        var code = await AlmaSisHost.RunAsync(["status"], Alma.AlmaUserSchema.Instance, Alma.AlmaUserGroups.Map, new TestPatronMapper(), o =>
        {
            o.Output = output;
            o.Error = error;
            o.WorkingDirectory = _cli.Root;
            o.AppDirectory = _cli.AppDirectory;
            o.UseEnvironmentVariables = false;
            o.UseUserSecrets = false;
        });

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("appsettings.json", error.ToString());
    }

    [Fact]
    public async Task Test_connection_without_upload_settings_names_what_to_set()
    {
        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("test-connection"));
        Assert.Contains("Upload:Kind is not set", _cli.Error);
    }

    [Fact]
    public async Task Test_connection_to_a_folder_prints_the_checks()
    {
        _cli.WithFolderUpload();

        var code = await _cli.RunAsync("test-connection");

        Assert.True(code == ExitCodes.Success, _cli.Transcript);
        Assert.Contains("Connection test of", _cli.Output);
        Assert.Contains("ok", _cli.Output);
    }
}
