using AlmaIntegrationKit.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace AlmaIntegrationKit.Cli;

/// <summary>What every command gets: its configuration, where to write, the progress console when interactive, logging.</summary>
internal sealed class CliContext : IDisposable
{
    public const string LogCategory = "AlmaIntegrationKit";

    private CliContext(IConfiguration configuration, TextWriter output, TextWriter error, IAnsiConsole? ansi, bool verbose,
        ILoggerFactory loggerFactory, string workingDirectory, TimeProvider time, DbProviderRegistry providers, bool useJitProfile)
    {
        Configuration = configuration;
        Out = output;
        Err = error;
        Ansi = ansi;
        Verbose = verbose;
        LoggerFactory = loggerFactory;
        Logger = loggerFactory.CreateLogger(LogCategory);
        WorkingDirectory = workingDirectory;
        Time = time;
        Providers = providers;
        UseJitProfile = useJitProfile;
    }

    public IConfiguration Configuration { get; }

    /// <summary>Results: validation lines, status, summaries.</summary>
    public TextWriter Out { get; }

    /// <summary>Errors and log lines.</summary>
    public TextWriter Err { get; }

    /// <summary>The progress console, only when attached to an interactive terminal.</summary>
    public IAnsiConsole? Ansi { get; }

    public bool Verbose { get; }

    public ILoggerFactory LoggerFactory { get; }

    public ILogger Logger { get; }

    public string WorkingDirectory { get; }

    public TimeProvider Time { get; }

    public DbProviderRegistry Providers { get; }

    /// <summary>See <see cref="AlmaSisHostOptions.UseJitProfile"/>.</summary>
    public bool UseJitProfile { get; }

    public static CliContext Create(AlmaSisHostOptions options, IReadOnlyList<string> settingTokens, bool verbose, bool quiet = false, string? logFile = null)
    {
        if (verbose && quiet)
            throw new CliException("--verbose and --quiet exclude each other; give one of them.");
        // -q: like grep -q, the exit code is the answer; warnings and errors are still logged.
        var output = quiet ? TextWriter.Null : options.Output ?? Console.Out;
        var error = options.Error ?? Console.Error;
        var workingDirectory = Path.GetFullPath(options.WorkingDirectory ?? Environment.CurrentDirectory);

        HostConfiguration.Result settings;
        try
        {
            settings = HostConfiguration.Build(options, workingDirectory, settingTokens);
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException)
        {
            throw new CliException($"A settings file could not be read: {exception.Message} Fix the JSON (quotes, commas, braces) of appsettings.json.");
        }

        var interactive = options.Interactive ?? (options.Console is not null
            || (options.Output is null && options.Error is null && !Console.IsOutputRedirected && !Console.IsErrorRedirected
                && !Console.IsInputRedirected && AnsiConsole.Profile.Capabilities.Interactive));
        var ansi = interactive ? options.Console ?? AnsiConsole.Console : null;

        var configuration = settings.Configuration;
        var loggerFactory = CliLogging.Create(options, configuration, error, new CliLogging.Choices(verbose, quiet, interactive, logFile), workingDirectory);
        var logger = loggerFactory.CreateLogger(LogCategory);
        logger.LogDebug("Environment {Environment}; settings from {Sources} and the command line", settings.Environment, string.Join(", ", settings.Sources));
        foreach (var warning in settings.Warnings)
            logger.LogWarning("{Warning}", warning);
        return new CliContext(configuration, output, error, ansi, verbose, loggerFactory, workingDirectory, options.Time, options.Providers, options.UseJitProfile);
    }

    /// <summary>A path from the settings or the command line, relative to the current folder.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);

    public void Dispose()
    {
        LoggerFactory.Dispose();
        Out.Flush();
        Err.Flush();
    }
}
