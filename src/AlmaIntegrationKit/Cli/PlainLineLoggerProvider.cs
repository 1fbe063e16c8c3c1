using System.Globalization;
using Microsoft.Extensions.Logging;

namespace AlmaIntegrationKit.Cli;

/// <summary>
/// Log lines for a scheduled job: <c>2030-01-16 02:00:00Z info  message</c>, one per entry, to a writer. The
/// host logs counts, file names and run names at Information; never personal data.
/// </summary>
internal sealed class PlainLineLoggerProvider(TextWriter writer, TimeProvider time, bool withCategory) : ILoggerProvider
{
    private readonly object _gate = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() => writer.Flush();

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var label = level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var line = withCategory ? $"{stamp} {label} {category}: {message}" : $"{stamp} {label} {message}";
        lock (_gate)
        {
            writer.WriteLine(line);
            if (exception is not null)
                writer.WriteLine(exception.ToString());
            writer.Flush();
        }
    }

    private sealed class Logger(PlainLineLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            provider.Write(logLevel, category, formatter(state, exception), exception);
        }
    }
}
