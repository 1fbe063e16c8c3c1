using System.Text;
using System.Text.Json;
using AlmaIntegrationKit.Cli;
using AlmaIntegrationKit.Tests.Alma;
using AlmaIntegrationKit.Tests.Export;

namespace AlmaIntegrationKit.Tests.Cli;

/// <summary>
/// A college project's command line in a temporary folder: appsettings.json there, the console captured, the
/// environment and user secrets left out, and a clock the test sets.
/// </summary>
internal sealed class CliHarness : IDisposable
{
    public CliHarness()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(AppDirectory);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "alma-cli-" + Guid.NewGuid().ToString("N"));

    public string AppDirectory => Path.Combine(Root, "app");

    public string Outbox => Path.Combine(Root, "outbox");

    public string Dropbox => Path.Combine(Root, "dropbox");

    /// <summary>The feed's own state file, where a run keeps it when Export:StateFile is not set.</summary>
    public string StatePath => Path.Combine(Root, "state", "01TEST.students.production.db");

    public FixedClock Clock { get; } = new(new DateTimeOffset(2030, 1, 16, 2, 0, 0, TimeSpan.Zero));

    public bool UseEnvironmentVariables { get; set; }

    /// <summary>The terminal, for tests of the progress display.</summary>
    public Spectre.Console.IAnsiConsole? Console { get; set; }

    public bool Interactive { get; set; }

    /// <summary>What the college's Program.cs would pass as the configure callback.</summary>
    public Action<AlmaSisHostOptions>? Configure { get; set; }

    public string Output { get; private set; } = "";

    public string Error { get; private set; } = "";

    /// <summary>Settings for a CSV export of <c>patrons.csv</c> into the outbox, state in <c>state/</c>.</summary>
    public Dictionary<string, object> Settings { get; } = new()
    {
        ["Export"] = new Dictionary<string, object>
        {
            ["InstitutionCode"] = "01TEST",
            ["Profile"] = "students",
            ["Outbox"] = "outbox",
        },
        ["Source"] = new Dictionary<string, object> { ["Kind"] = "csv", ["Path"] = "patrons.csv" },
    };

    public Dictionary<string, object> Section(string name)
    {
        if (!Settings.TryGetValue(name, out var section))
            Settings[name] = section = new Dictionary<string, object>();
        return (Dictionary<string, object>)section;
    }

    /// <summary>Uploads go to the <see cref="Dropbox"/> folder.</summary>
    public CliHarness WithFolderUpload()
    {
        Directory.CreateDirectory(Dropbox);
        Section("Upload")["Kind"] = "Folder";
        Section("Folder")["Path"] = "dropbox";
        return this;
    }

    public string WriteFeed(PatronFeed feed, string name = "patrons.csv") => feed.WriteTo(Path.Combine(Root, name));

    /// <summary>Writes <see cref="Settings"/> to appsettings.json in <see cref="Root"/> (for a run in another process too).</summary>
    public void WriteSettings() =>
        File.WriteAllText(Path.Combine(Root, "appsettings.json"), JsonSerializer.Serialize(Settings), new UTF8Encoding(false));

    public async Task<int> RunAsync(params string[] args)
    {
        WriteSettings();
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await AlmaSisHost.RunAsync(args, AlmaUserSchema.Instance, AlmaUserGroups.Map, new TestPatronMapper(), o =>
        {
            o.Output = output;
            o.Error = error;
            o.Interactive = Interactive;
            o.Console = Console;
            o.WorkingDirectory = Root;
            o.AppDirectory = AppDirectory;
            o.UseJitProfile = false; // once per process, and many runs share this one
            o.UseEnvironmentVariables = UseEnvironmentVariables;
            o.UseUserSecrets = false;
            o.Time = Clock;
            Configure?.Invoke(o);
        });
        Output = output.ToString();
        Error = error.ToString();
        return code;
    }

    /// <summary>What the test prints when an assertion fails.</summary>
    public string Transcript => $"--- stdout ---\n{Output}\n--- stderr ---\n{Error}";

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
