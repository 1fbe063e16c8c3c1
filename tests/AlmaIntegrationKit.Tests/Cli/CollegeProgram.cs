using AlmaIntegrationKit.Cli;
using AlmaIntegrationKit.Tests.Alma;
using AlmaIntegrationKit.Tests.Export;

namespace AlmaIntegrationKit.Tests.Cli;

/// <summary>
/// The entry point of this assembly: a college project's one-line Program.cs over the test schema and mapper, so that
/// tests can run the real command line in a process of its own (<c>dotnet AlmaIntegrationKit.Tests.dll run</c>) and
/// send it signals. The test runner loads the assembly without calling it.
/// </summary>
public static class CollegeProgram
{
    /// <summary>Runs the command line in the current folder.</summary>
    public static Task<int> Main(string[] args)
    {
        // The signal tests' extract is a named pipe whose writer serves every read in full (ArrivingExtract).
        AlmaIntegrationKit.Sources.CsvPatronSource.PipesServeEveryRead = true;
        return AlmaSisHost.RunAsync(args, AlmaUserSchema.Instance, AlmaUserGroups.Map, new TestPatronMapper(), o =>
        {
            o.UseUserSecrets = false;
            if (Environment.GetEnvironmentVariable(CollegeProcess.ClockVariable) is { } now)
                o.Time = new CliHarness.FixedClock(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        });
    }
}
