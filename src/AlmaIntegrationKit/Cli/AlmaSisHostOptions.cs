using System.Reflection;
using AlmaIntegrationKit.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace AlmaIntegrationKit.Cli;

/// <summary>
/// What a college project can change about its command line host, in the optional callback of
/// <see cref="AlmaSisHost.RunAsync{TUser}"/>: e.g. register an ADO.NET provider (Oracle for Banner), add a
/// configuration source or a logging provider. Tests also use it to capture the console.
/// </summary>
public sealed class AlmaSisHostOptions
{
    /// <summary>The database providers <c>Source:Kind</c> can name; register others here, e.g.
    /// <c>o.Providers.Register("oracle", OracleClientFactory.Instance)</c>.</summary>
    public DbProviderRegistry Providers { get; } = new();

    /// <summary>Settings the college sets in code; appsettings.json, user secrets, the environment and the command line override them.</summary>
    public IDictionary<string, string?> Defaults { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where results go (validation lines, status, summaries); the console's standard output when null.</summary>
    public TextWriter? Output { get; set; }

    /// <summary>Where errors and log lines go; the console's standard error when null.</summary>
    public TextWriter? Error { get; set; }

    /// <summary>The console for the progress display; when null one is chosen for the terminal.</summary>
    public IAnsiConsole? Console { get; set; }

    /// <summary>
    /// Whether to show a progress display instead of log lines. By default: yes when the output is the console,
    /// neither output nor input is redirected and the terminal is interactive; no for a scheduled job.
    /// </summary>
    public bool? Interactive { get; set; }

    /// <summary>The current folder: its appsettings.json is read, and relative paths in settings are resolved against it. Default: the process's current directory.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>The application's folder, whose appsettings.json is read first. Default: <see cref="AppContext.BaseDirectory"/>.</summary>
    public string? AppDirectory { get; set; }

    /// <summary>Read environment variables (<c>Sftp__Host</c>, or <c>ALMA_Sftp__Host</c>, which wins). Default true.</summary>
    public bool UseEnvironmentVariables { get; set; } = true;

    /// <summary>The assembly whose <c>UserSecretsId</c> names the user secrets to read; default the entry assembly. Set <see cref="UseUserSecrets"/> false to read none.</summary>
    public Assembly? UserSecretsAssembly { get; set; }

    /// <summary>Read user secrets when the assembly has a <c>UserSecretsId</c> and the environment is Development. Default true.</summary>
    public bool UseUserSecrets { get; set; } = true;

    /// <summary>
    /// The environment whose <c>appsettings.{Environment}.json</c> is read (e.g. <c>Sandbox</c>, <c>Production</c>);
    /// user secrets are read only in <c>Development</c>. Default: <c>DOTNET_ENVIRONMENT</c>, else Production.
    /// </summary>
    public string? EnvironmentName { get; set; }

    /// <summary>
    /// A folder with one file per secret setting, named like its environment variable (<c>Sftp__PrivateKeyPassphrase</c>):
    /// systemd credentials or a Kubernetes secret mounted as files. Default: <c>ALMA_CREDENTIALS_DIRECTORY</c>, else
    /// systemd's <c>CREDENTIALS_DIRECTORY</c>, else none.
    /// </summary>
    public string? CredentialsDirectory { get; set; }

    /// <summary>
    /// Setting keys the college's own code reads (e.g. <c>Mapper:DefaultCampus</c>) in the kit's sections, so that they
    /// are not warned about as unknown. Keys in sections of the college's own are never warned about.
    /// </summary>
    public ISet<string> KnownSettings { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds configuration sources after the built-in ones and before the command line.</summary>
    public Action<IConfigurationBuilder>? ConfigureConfiguration { get; set; }

    /// <summary>Adds logging providers or filters (the host's console and log-file providers are always there).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }

    /// <summary>The clock: names runs and times placements. Default the system clock.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>
    /// Whether <c>run</c> records what it compiles in a profile beside the state file, from which the next run of the
    /// same build compiles ahead (<see cref="Startup.StartupCompilation"/>; once per process). Default true; tests that run many
    /// exports in one process turn it off.
    /// </summary>
    public bool UseJitProfile { get; set; } = true;

    /// <summary>The description <c>--help</c> shows first; default names the application.</summary>
    public string? Description { get; set; }
}
