using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.UserSecrets;

namespace AlmaIntegrationKit.Cli;

/// <summary>
/// Builds the configuration of a run, later sources winning: the college's defaults in code, appsettings.json in the
/// application's folder, appsettings.json in the current folder, user secrets, environment variables (plain
/// <c>Sftp__Host</c>, then <c>ALMA_</c>-prefixed), the college's own sources, and the command line
/// (<c>--Export:InstitutionCode=01MAIN</c> after the command).
/// </summary>
internal static partial class HostConfiguration
{
    public const string FileName = "appsettings.json";
    public const string EnvironmentPrefix = "ALMA_";

    public static IConfiguration Build(AlmaSisHostOptions options, string workingDirectory, IReadOnlyList<string> settingTokens)
    {
        var builder = new ConfigurationBuilder();
        builder.AddInMemoryCollection(options.Defaults);

        var appDirectory = Path.GetFullPath(options.AppDirectory ?? AppContext.BaseDirectory);
        AddJson(builder, Path.Combine(appDirectory, FileName));
        var localFile = Path.Combine(workingDirectory, FileName);
        if (!string.Equals(Path.GetFullPath(localFile), Path.Combine(appDirectory, FileName), StringComparison.Ordinal))
            AddJson(builder, localFile);

        if (options.UseUserSecrets && (options.UserSecretsAssembly ?? Assembly.GetEntryAssembly()) is { } assembly
            && assembly.GetCustomAttribute<UserSecretsIdAttribute>() is { } secrets)
            builder.AddUserSecrets(secrets.UserSecretsId, reloadOnChange: false);

        if (options.UseEnvironmentVariables)
        {
            builder.AddEnvironmentVariables();
            builder.AddEnvironmentVariables(EnvironmentPrefix);
        }

        options.ConfigureConfiguration?.Invoke(builder);
        builder.AddCommandLine(CheckSettingTokens(settingTokens));
        return builder.Build();
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

    private static void AddJson(ConfigurationBuilder builder, string path)
    {
        if (File.Exists(path))
            builder.AddJsonFile(path, optional: true, reloadOnChange: false);
    }

    [GeneratedRegex(@"^(?<dash>--|/)?(?<key>[A-Za-z_][\w.-]*(?::[\w.-]+)+)(?:=(?<value>.*))?$", RegexOptions.Singleline)]
    private static partial Regex SettingToken();
}
