using Microsoft.Extensions.Logging;

namespace AlmaIntegrationKit.Tests.Transfer;

/// <summary>Local zips with known bytes, in a temp outbox.</summary>
internal sealed class Outbox : IDisposable
{
    public Outbox()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "alma-outbox-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Zip(string name, int size, int seed = 1)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Keeps every log message, to prove no secret is logged.</summary>
internal sealed class ListLogger : ILogger<AlmaIntegrationKit.Transfer.TransferService>
{
    public List<string> Lines { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Lines)
        {
            Lines.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
