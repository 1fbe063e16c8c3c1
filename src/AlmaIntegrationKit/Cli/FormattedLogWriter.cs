using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace AlmaIntegrationKit.Cli;

/// <summary>
/// Writes log entries through one of Microsoft.Extensions.Logging.Console's formatters (or the host's plain one) to a
/// writer: standard error, a captured console, or the log file. The console logger itself writes only to the process's
/// console from a background queue; a job's logs must reach its writer in order and before it exits.
/// </summary>
internal sealed partial class FormattedLogWriter(TextWriter writer, ConsoleFormatter formatter, bool stripColors) : IDisposable
{
    private readonly object _gate = new();
    private readonly IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ILogger CreateLogger(string category) => new Logger(this, category);

    public void Dispose()
    {
        lock (_gate)
            writer.Flush();
    }

    private void Write<TState>(in LogEntry<TState> entry)
    {
        using var line = new StringWriter();
        formatter.Write(entry, _scopes, line);
        var text = line.ToString();
        if (text.Length == 0)
            return;
        if (stripColors)
            text = AnsiColor().Replace(text, "");
        lock (_gate)
        {
            writer.Write(text);
            writer.Flush();
        }
    }

    [GeneratedRegex(@"\x1B\[[0-9;]*m")]
    private static partial Regex AnsiColor();

    private sealed class Logger(FormattedLogWriter sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => sink._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                sink.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter));
        }
    }
}

/// <summary>The log lines on standard error; <c>Logging:Console:LogLevel</c> filters them.</summary>
[ProviderAlias("Console")]
internal sealed class ConsoleLogProvider(FormattedLogWriter sink) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => sink.CreateLogger(categoryName);

    public void Dispose() => sink.Dispose();
}

/// <summary>The log file (<c>--log-file</c>, <c>Logging:File:Path</c>); <c>Logging:File:LogLevel</c> filters it.</summary>
[ProviderAlias("File")]
internal sealed class FileLogProvider(FormattedLogWriter sink, TextWriter file) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => sink.CreateLogger(categoryName);

    public void Dispose()
    {
        sink.Dispose();
        file.Dispose();
    }
}
