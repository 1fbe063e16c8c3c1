using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace AlmaIntegrationKit.Cli;

/// <summary>
/// The logging of a command, the ecosystem's way: the whole <c>Logging</c> section applies (levels per category and
/// per provider), <c>Logging:Console:FormatterName</c> picks the console logger's formatter (<c>plain</c>, the
/// default, or <c>simple</c>, <c>json</c>, <c>systemd</c>) with its <c>FormatterOptions</c>, lines go to standard
/// error and, with <c>--log-file</c> or <c>Logging:File:Path</c>, are appended to a file too.
/// </summary>
internal static class CliLogging
{
    /// <summary>The setting that names the log file.</summary>
    public const string FilePathKey = "Logging:File:Path";

    public sealed record Choices(bool Verbose, bool Quiet, bool Interactive, string? LogFile);

    public static ILoggerFactory Create(AlmaSisHostOptions options, IConfiguration configuration, TextWriter error, Choices choices, string workingDirectory)
    {
        var section = configuration.GetSection("Logging");
        var formatter = Formatter(section, options.Time, choices.Verbose);

        var logFile = choices.LogFile ?? configuration[FilePathKey];
        TextWriter? file = null;
        if (!string.IsNullOrWhiteSpace(logFile))
        {
            var path = Path.GetFullPath(logFile, workingDirectory);
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                file = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete), new UTF8Encoding(false));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"The log file '{path}' (--log-file or {FilePathKey}) could not be opened: {exception.Message} Give a folder this account may write to.");
            }
        }

        // Most detailed first: --verbose, -q, then the Logging section, then the default for the terminal or a job.
        var fallback = choices.Interactive ? LogLevel.Warning : LogLevel.Information;
        return LoggerFactory.Create(logging =>
        {
            logging.SetMinimumLevel(fallback);
            logging.AddConfiguration(section);
            if (choices.Verbose)
                logging.AddFilter(level => level >= LogLevel.Debug);
            else if (choices.Quiet)
                logging.AddFilter(level => level >= LogLevel.Warning);
            logging.AddProvider(new ConsoleLogProvider(new FormattedLogWriter(error, formatter, stripColors: false)));
            if (file is not null)
                logging.AddProvider(new FileLogProvider(new FormattedLogWriter(file, formatter, stripColors: true), file));
            options.ConfigureLogging?.Invoke(logging);
        });
    }

    /// <summary>The formatter <c>Logging:Console:FormatterName</c> names, built as the console logger builds it.</summary>
    private static ConsoleFormatter Formatter(IConfigurationSection section, TimeProvider time, bool verbose)
    {
        // The default is made directly: a nightly job need not build a service container and bind options (all compiled
        // fully optimised at every start) to print plain lines.
        var name = section["Console:FormatterName"];
        if (string.IsNullOrWhiteSpace(name) || string.Equals(name.Trim(), PlainConsoleFormatter.FormatterName, StringComparison.OrdinalIgnoreCase))
        {
            var plain = section.GetSection("Console:FormatterOptions");
            return new PlainConsoleFormatter(new PlainConsoleFormatterOptions
            {
                IncludeCategory = verbose || string.Equals(plain["IncludeCategory"], "true", StringComparison.OrdinalIgnoreCase),
                UseUtcTimestamp = string.Equals(plain["UseUtcTimestamp"], "true", StringComparison.OrdinalIgnoreCase),
                TimestampFormat = plain["TimestampFormat"] is { Length: > 0 } format ? format : null,
            }, time);
        }

        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddLogging(logging =>
        {
            logging.AddConfiguration(section);
            logging.AddConsole();
            logging.AddConsoleFormatter<PlainConsoleFormatter, PlainConsoleFormatterOptions>();
        });
        using var provider = services.BuildServiceProvider();
        name = provider.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName ?? name;
        var formatters = provider.GetServices<ConsoleFormatter>().ToList();
        return formatters.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new CliException($"Logging:Console:FormatterName is '{name}'; give one of {string.Join(", ", formatters.Select(f => f.Name))}.");
    }
}
