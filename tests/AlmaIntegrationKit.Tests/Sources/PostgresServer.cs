using System.Diagnostics;
using AlmaIntegrationKit.Testing;

namespace AlmaIntegrationKit.Tests.Sources;

/// <summary>
/// The PostgreSQL server the tests use: the one named by <c>ALMA_TEST_POSTGRES</c> (set by test.sh), or one started
/// with <c>eng/start-postgres.sh</c> from the repository root, whose last output line is the connection string.
/// </summary>
public sealed class PostgresServer
{
    public PostgresServer() => ConnectionString = Environment.GetEnvironmentVariable("ALMA_TEST_POSTGRES") is { Length: > 0 } fromScript
        ? fromScript
        : Start();

    public string ConnectionString { get; }

    private static string Start()
    {
        var script = Path.Combine(RepositoryLayout.Root, "eng", "start-postgres.sh");
        var start = new ProcessStartInfo("bash", [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryLayout.Root,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run bash.");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{script} did not finish within 2 minutes.");
        }

        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{script} failed with exit code {process.ExitCode}: {errors.Result}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
    }
}
