using System.Reflection;
using System.Reflection.Emit;
using System.Text;
using AlmaIntegrationKit.Cli;
using AlmaIntegrationKit.Tests.Export;
using Microsoft.Extensions.Configuration.UserSecrets;

namespace AlmaIntegrationKit.Tests.Cli;

/// <summary>Where settings come from: appsettings.{Environment}.json, user secrets in Development only, a credentials folder, and typos warned.</summary>
public sealed class SettingsSourcesTests : IDisposable
{
    private const string RunName = "01TEST_students_20300116T020000Z";
    private readonly CliHarness _cli = new();

    public SettingsSourcesTests() => _cli.WriteFeed(new PatronFeed().Good(2));

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_misspelt_key_on_the_command_line_is_warned_with_did_you_mean()
    {
        Assert.True(await _cli.RunAsync("run", "--dry-run", "--Export:Profle=staff", "--Exprot:Mode=Full") == ExitCodes.Success, _cli.Transcript);
        Assert.Contains("warn Unknown setting 'Export:Profle' (command line) is ignored; did you mean 'Export:Profile'?", _cli.Error);
        Assert.Contains("warn Unknown setting 'Exprot:Mode' (command line) is ignored; did you mean the section 'Export'?", _cli.Error);
    }

    [Fact]
    public async Task A_misspelt_key_in_appsettings_is_warned_and_the_colleges_own_sections_are_left_alone()
    {
        _cli.Section("Safety")["MaxRejectPrecent"] = 10;
        _cli.Settings["Mapper"] = new Dictionary<string, object> { ["DefaultCampus"] = "MAIN" };
        _cli.Section("Logging")["Console"] = new Dictionary<string, object> { ["FormatterName"] = "plain" };
        Assert.True(await _cli.RunAsync("run", "--dry-run") == ExitCodes.Success, _cli.Transcript);
        Assert.Contains("Unknown setting 'Safety:MaxRejectPrecent' (appsettings.json) is ignored; did you mean 'Safety:MaxRejectPercent'?", _cli.Error);
        Assert.DoesNotContain("Mapper", _cli.Error);
        Assert.DoesNotContain("Logging:Console", _cli.Error);
    }

    [Fact]
    public async Task The_environments_settings_file_overrides_appsettings_json()
    {
        File.WriteAllText(Path.Combine(_cli.Root, "appsettings.Sandbox.json"), """{ "Export": { "Profile": "sandboxed" } }""");
        _cli.Configure = o => o.EnvironmentName = "Sandbox";
        Assert.True(await _cli.RunAsync("run", "--dry-run") == ExitCodes.Success, _cli.Transcript);
        Assert.Contains("01TEST_sandboxed_", _cli.Output);

        _cli.Configure = o => o.EnvironmentName = "Production";
        Assert.True(await _cli.RunAsync("run", "--dry-run", "--out", "production") == ExitCodes.Success, _cli.Transcript);
        Assert.Contains(RunName, _cli.Output);
    }

    [Fact]
    public async Task A_credentials_folder_gives_one_setting_per_file()
    {
        var credentials = Path.Combine(_cli.Root, "credentials");
        Directory.CreateDirectory(credentials);
        File.WriteAllText(Path.Combine(credentials, "Export__Profile"), "fromfile\n");
        _cli.Configure = o => o.CredentialsDirectory = credentials;

        Assert.True(await _cli.RunAsync("run", "--dry-run") == ExitCodes.Success, _cli.Transcript);
        Assert.Contains("01TEST_fromfile_", _cli.Output);

        _cli.Configure = o => o.CredentialsDirectory = Path.Combine(_cli.Root, "absent");
        Assert.True(await _cli.RunAsync("run", "--dry-run") == ExitCodes.Error, _cli.Transcript);
        Assert.Contains("The credentials folder", _cli.Error);
    }

    [Fact]
    public async Task User_secrets_are_read_in_Development_only()
    {
        var id = "alma-test-" + Guid.NewGuid().ToString("N");
        var secrets = PathHelper.GetSecretsPathFromSecretsId(id);
        Directory.CreateDirectory(Path.GetDirectoryName(secrets)!);
        File.WriteAllText(secrets, """{ "Export:Profile": "secretive" }""", new UTF8Encoding(false));
        try
        {
            var assembly = AssemblyWithUserSecretsId(id);
            _cli.Configure = o =>
            {
                o.UseUserSecrets = true;
                o.UserSecretsAssembly = assembly;
                o.EnvironmentName = "Development";
            };
            Assert.True(await _cli.RunAsync("run", "--dry-run") == ExitCodes.Success, _cli.Transcript);
            Assert.Contains("01TEST_secretive_", _cli.Output);

            _cli.Configure = o =>
            {
                o.UseUserSecrets = true;
                o.UserSecretsAssembly = assembly;
                o.EnvironmentName = "Production";
            };
            Assert.True(await _cli.RunAsync("run", "--dry-run", "--out", "production") == ExitCodes.Success, _cli.Transcript);
            Assert.Contains(RunName, _cli.Output);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(secrets)!, recursive: true);
        }
    }

    /// <summary>A college project's assembly as far as user secrets look: one with a UserSecretsId.</summary>
    private static Assembly AssemblyWithUserSecretsId(string id)
    {
        var builder = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("College.AlmaSis.Secrets"), AssemblyBuilderAccess.Run);
        builder.SetCustomAttribute(new CustomAttributeBuilder(typeof(UserSecretsIdAttribute).GetConstructor([typeof(string)])!, [id]));
        return builder;
    }
}
