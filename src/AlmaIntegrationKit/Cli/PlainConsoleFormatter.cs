using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace AlmaIntegrationKit.Cli;

/// <summary>Options of <see cref="PlainConsoleFormatter"/> (<c>Logging:Console:FormatterOptions</c>).</summary>
internal sealed class PlainConsoleFormatterOptions : ConsoleFormatterOptions
{
    /// <summary>Write the category after the level (on with <c>--verbose</c>).</summary>
    public bool IncludeCategory { get; set; }
}

/// <summary>
/// The host's default log format, one line per entry for a scheduled job's mail or log file:
/// <c>2030-01-16 02:00:00Z info message</c>, the exception's text on the lines after. Choose another with
/// <c>--Logging:Console:FormatterName=json</c> (or <c>simple</c>, <c>systemd</c>).
/// </summary>
internal sealed class PlainConsoleFormatter : ConsoleFormatter, IDisposable
{
    /// <summary>The name <c>Logging:Console:FormatterName</c> gives it; the default.</summary>
    public const string FormatterName = "plain";

    private readonly TimeProvider _time;
    private readonly IDisposable? _reload;
    private PlainConsoleFormatterOptions _options;

    /// <summary>Creates the formatter; the host's logging builder does.</summary>
    public PlainConsoleFormatter(IOptionsMonitor<PlainConsoleFormatterOptions> options, TimeProvider time)
        : base(FormatterName)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _options = options.CurrentValue;
        _reload = options.OnChange(changed => _options = changed);
    }

    /// <summary>Creates the formatter with fixed options, without a service container (the host's default, read at start).</summary>
    internal PlainConsoleFormatter(PlainConsoleFormatterOptions options, TimeProvider time)
        : base(FormatterName)
    {
        _time = time;
        _options = options;
    }

    /// <inheritdoc />
    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
            return;
        var label = logEntry.LogLevel switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
        var now = _time.GetUtcNow();
        var stamp = _options.UseUtcTimestamp || _options.TimestampFormat is null
            ? now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : now.ToLocalTime().ToString(_options.TimestampFormat, CultureInfo.InvariantCulture);
        textWriter.Write(stamp);
        textWriter.Write(' ');
        textWriter.Write(label);
        textWriter.Write(' ');
        if (_options.IncludeCategory)
        {
            textWriter.Write(logEntry.Category);
            textWriter.Write(": ");
        }

        textWriter.WriteLine(message);
        if (logEntry.Exception is not null)
            textWriter.WriteLine(logEntry.Exception.ToString());
    }

    /// <inheritdoc />
    public void Dispose() => _reload?.Dispose();
}
