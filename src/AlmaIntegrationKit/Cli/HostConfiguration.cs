using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.UserSecrets;

namespace AlmaIntegrationKit.Cli;

/// <summary>
/// Builds the configuration of a run, later sources winning: the college's defaults in code; appsettings.json, then
/// appsettings.{Environment}.json, in the application's folder and then in the current folder; user secrets (in the
/// Development environment only); a key-per-file credentials folder (systemd's <c>$CREDENTIALS_DIRECTORY</c>,
/// <c>ALMA_CREDENTIALS_DIRECTORY</c>, or a Kubernetes secret mounted as files); environment variables (plain
/// <c>Sftp__Host</c>, then <c>ALMA_</c>-prefixed); the college's own sources; and the command line
/// (<c>--Export:InstitutionCode=01MAIN</c> after the command). The environment is <c>DOTNET_ENVIRONMENT</c>
/// (<c>Sandbox</c>, <c>Production</c>, ...), Production when unset, as in every .NET host.
/// </summary>
internal static partial class HostConfiguration
{
    public const string FileName = "appsettings.json";
    public const string EnvironmentPrefix = "ALMA_";
    public const string EnvironmentVariable = "DOTNET_ENVIRONMENT";
    public const string DefaultEnvironment = "Production";
    public const string DevelopmentEnvironment = "Development";
    public const string CredentialsVariable = "ALMA_CREDENTIALS_DIRECTORY";
    public const string SystemdCredentialsVariable = "CREDENTIALS_DIRECTORY";

    /// <summary>The configuration, where it came from, and the unknown keys found in it.</summary>
    public sealed record Result(IConfiguration Configuration, string Environment, IReadOnlyList<string> Sources, IReadOnlyList<string> Warnings);

    public static Result Build(AlmaSisHostOptions options, string workingDirectory, IReadOnlyList<string> settingTokens)
    {
        var environment = options.EnvironmentName
            ?? (options.UseEnvironmentVariables ? Text(System.Environment.GetEnvironmentVariable(EnvironmentVariable)) : null)
            ?? DefaultEnvironment;
        var sources = new List<string>();
        var warnings = new List<string>();
        var builder = new ConfigurationBuilder();
        builder.AddInMemoryCollection(options.Defaults);

        var appDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.AppDirectory ?? AppContext.BaseDirectory));
        var currentDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workingDirectory));
        var folders = new List<string> { appDirectory };
        if (!string.Equals(currentDirectory, appDirectory, StringComparison.Ordinal))
            folders.Add(currentDirectory);
        foreach (var folder in folders)
        {
            foreach (var name in new[] { FileName, $"appsettings.{environment}.json" })
                AddJson(builder, Path.Combine(folder, name), options, sources, warnings);
        }

        if (options.UseUserSecrets && string.Equals(environment, DevelopmentEnvironment, StringComparison.OrdinalIgnoreCase)
            && (options.UserSecretsAssembly ?? Assembly.GetEntryAssembly()) is { } assembly
            && assembly.GetCustomAttribute<UserSecretsIdAttribute>() is { } secrets)
        {
            builder.AddUserSecrets(secrets.UserSecretsId, reloadOnChange: false);
            sources.Add("user secrets " + secrets.UserSecretsId);
        }

        var credentials = options.CredentialsDirectory
            ?? (options.UseEnvironmentVariables
                ? Text(System.Environment.GetEnvironmentVariable(CredentialsVariable)) ?? Text(System.Environment.GetEnvironmentVariable(SystemdCredentialsVariable))
                : null);
        if (credentials is not null)
        {
            var folder = Path.GetFullPath(credentials, workingDirectory);
            if (!Directory.Exists(folder))
                throw new CliException($"The credentials folder '{folder}' ({CredentialsVariable}, {SystemdCredentialsVariable} or CredentialsDirectory) does not exist; create it or unset the variable.");
            // One file per setting, named like an environment variable: Sftp__PrivateKeyPassphrase holds that secret.
            builder.AddKeyPerFile(folder, optional: false, reloadOnChange: false);
            sources.Add("credentials folder " + folder);
        }

        if (options.UseEnvironmentVariables)
        {
            builder.AddEnvironmentVariables();
            builder.AddEnvironmentVariables(EnvironmentPrefix);
            sources.Add("environment variables");
        }

        options.ConfigureConfiguration?.Invoke(builder);
        var commandLine = CheckSettingTokens(settingTokens);
        builder.AddCommandLine(commandLine);
        warnings.AddRange(KnownSettings.Check(commandLine.Select(t => t[2..t.IndexOf('=', StringComparison.Ordinal)]), "command line", options.KnownSettings));
        return new Result(builder.Build(), environment, sources, warnings);
    }

    /// <summary>
    /// The tokens System.CommandLine did not match are settings: <c>--Section:Key=value</c>, <c>--Section:Key value</c>
    /// or <c>Section:Key=value</c>. Anything else is a typo, reported as such rather than silently read as a setting.
    /// </summary>
    public static string[] CheckSettingTokens(IReadOnlyList<string> tokens)
    {
        var problems = new List<string>();
        var result = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var match = SettingToken().Match(token);
            if (!match.Success)
            {
                problems.Add(token.StartsWith('-')
                    ? $"Unknown option '{token}'. Run with --help for the options; settings are given as --Section:Key=value (e.g. --Export:InstitutionCode=01MAIN)."
                    : $"Unexpected argument '{token}'. Run with --help for the usage; settings are given as --Section:Key=value.");
                continue;
            }

            var key = match.Groups["key"].Value;
            if (match.Groups["value"].Success)
            {
                result.Add($"--{key}={match.Groups["value"].Value}");
            }
            else if (match.Groups["dash"].Success && i + 1 < tokens.Count && !tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                result.Add($"--{key}={tokens[++i]}");
            }
            else
            {
                problems.Add($"The setting '{token}' has no value; write it as --{key}=value.");
            }
        }

        if (problems.Count > 0)
            throw new CliException(problems);
        return [.. result];
    }

    private static void AddJson(ConfigurationBuilder builder, string path, AlmaSisHostOptions options, List<string> sources, List<string> warnings)
    {
        if (!File.Exists(path))
            return;
        builder.AddJsonFile(path, optional: true, reloadOnChange: false);
        sources.Add(path);
        var alone = new ConfigurationBuilder().AddJsonFile(path, optional: true, reloadOnChange: false).Build();
        warnings.AddRange(KnownSettings.Check(KnownSettings.KeysOf(alone), Path.GetFileName(path), options.KnownSettings));
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^(?<dash>--|/)?(?<key>[A-Za-z_][\w.-]*(?::[\w.-]+)+)(?:=(?<value>.*))?$", RegexOptions.Singleline)]
    private static partial Regex SettingToken();
}
