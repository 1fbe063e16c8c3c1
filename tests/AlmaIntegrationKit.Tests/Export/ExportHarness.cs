using System.IO.Compression;
using System.Xml.Linq;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Sources;
using AlmaIntegrationKit.Tests.Alma;

namespace AlmaIntegrationKit.Tests.Export;

/// <summary>A folder with an outbox and a state file, and the generated schema, mapping and test mapper wired up.</summary>
internal sealed class ExportHarness : IDisposable
{
    public static readonly DateTimeOffset Started = new(2030, 1, 16, 2, 0, 0, TimeSpan.Zero);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "alma-export-" + Guid.NewGuid().ToString("N"));

    public string Outbox => Path.Combine(Root, "outbox");

    public string StatePath => Path.Combine(Root, "state", "export-state.db");

    public ExportOptions Options(DateTimeOffset? started = null) => new()
    {
        InstitutionCode = "01TEST",
        Profile = "students",
        OutboxDirectory = Outbox,
        StatePath = StatePath,
        StartedUtc = started ?? Started,
    };

    public Task<ExportResult> RunAsync(PatronFeed feed, ExportOptions? options = null, string fileName = "patrons.csv")
    {
        Directory.CreateDirectory(Root);
        var path = feed.WriteTo(Path.Combine(Root, fileName));
        var pipeline = new ExportPipeline<User>(AlmaUserSchema.Instance, AlmaUserGroups.Map, new TestPatronMapper(), options ?? Options());
        return pipeline.RunAsync(new CsvPatronSource(path));
    }

    /// <summary>The users in the zips of <paramref name="result"/>, in order, as XML elements.</summary>
    public static List<XElement> Users(ExportResult result)
    {
        var users = new List<XElement>();
        foreach (var zip in result.Zips)
        {
            using var archive = ZipFile.OpenRead(zip.FullPath);
            foreach (var entry in archive.Entries)
            {
                using var stream = entry.Open();
                users.AddRange(XDocument.Load(stream).Root!.Elements("user"));
            }
        }

        return users;
    }

    /// <summary>The lines of rejects.csv after the header.</summary>
    public static string[] RejectLines(ExportResult result) => File.ReadAllLines(result.RejectsPath).Skip(1).ToArray();

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
}
