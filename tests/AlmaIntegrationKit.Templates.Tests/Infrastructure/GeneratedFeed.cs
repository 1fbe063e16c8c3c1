using System.IO.Compression;
using System.Text.Json;

namespace AlmaIntegrationKit.Templates.Tests.Infrastructure;

/// <summary>One instantiated alma-sis project: build it, run its tests and its dry run, check what the dry run wrote.</summary>
internal sealed class GeneratedFeed(PackedTemplates packages, string directory, string name)
{
    public string Directory { get; } = directory;

    public string Name { get; } = name;

    public string ProjectFile => Path.Combine(Directory, Name + ".csproj");

    public string TestProjectFile => Path.Combine(Directory, "tests", Name + ".Tests", Name + ".Tests.csproj");

    /// <summary>Builds the feed and its tests with warnings as errors and runs the tests (one build for both).</summary>
    public CommandResult BuildAndTest() =>
        DotNet.RunChecked(Directory, packages.Environment, "test", TestProjectFile, "-c", "Release", "-warnaserror", "-nodeReuse:false");

    /// <summary>
    /// <c>dotnet run -- run --dry-run</c> from the project folder, as the generated README says: the configured
    /// source, or the sample CSV with --input when the source is a database server that needs a connection string.
    /// Returns the dry run's output and every zip it wrote.
    /// </summary>
    public (CommandResult Run, IReadOnlyList<string> Zips) DryRun(string outDirectory)
    {
        string[] input = NeedsConnectionString() ? ["--input", Path.Combine("samples", "patrons.csv")] : [];
        var run = DotNet.RunChecked(Directory, packages.Environment,
            ["run", "--project", ProjectFile, "-c", "Release", "--no-build", "--", "run", "--dry-run", "--out", outDirectory, .. input]);
        var zips = System.IO.Directory.GetFiles(outDirectory, "*.zip", SearchOption.AllDirectories);
        return (run, zips);
    }

    /// <summary><c>dotnet run -- run --dry-run --input</c> on <paramref name="csv"/>: the output and every zip it wrote.</summary>
    public (CommandResult Run, IReadOnlyList<string> Zips) DryRunOn(string csv, string outDirectory)
    {
        var run = DotNet.RunChecked(Directory, packages.Environment,
            ["run", "--project", ProjectFile, "-c", "Release", "--no-build", "--", "run", "--dry-run", "--out", outDirectory, "--input", csv]);
        return (run, System.IO.Directory.GetFiles(outDirectory, "*.zip", SearchOption.AllDirectories));
    }

    /// <summary>The users of every XML file in <paramref name="zips"/>, in order.</summary>
    public static List<System.Xml.Linq.XElement> Users(IEnumerable<string> zips)
    {
        var users = new List<System.Xml.Linq.XElement>();
        foreach (var zip in zips)
        {
            using var archive = ZipFile.OpenRead(zip);
            foreach (var entry in archive.Entries)
            {
                using var stream = entry.Open();
                users.AddRange(System.Xml.Linq.XDocument.Load(stream).Root!.Elements("user"));
            }
        }

        return users;
    }

    /// <summary>Source:Kind of the generated appsettings.json.</summary>
    public string SourceKind()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "appsettings.json")),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return settings.RootElement.GetProperty("Source").GetProperty("Kind").GetString()!;
    }

    public bool NeedsConnectionString() => SourceKind() is not ("csv" or "sqlite");

    /// <summary>Every XML file in the zips, validated against the published schema set: the problems found.</summary>
    public static List<string> SchemaProblems(IEnumerable<string> zips, out int xmlFiles)
    {
        var problems = new List<string>();
        xmlFiles = 0;
        foreach (var zip in zips)
        {
            using var archive = ZipFile.OpenRead(zip);
            foreach (var entry in archive.Entries)
            {
                xmlFiles++;
                using var stream = entry.Open();
                problems.AddRange(PublishedSchemaSet.Validate(stream).Select(p => $"{Path.GetFileName(zip)}/{entry.FullName}: {p}"));
            }
        }

        return problems;
    }
}
