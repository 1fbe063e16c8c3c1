using System.Globalization;
using System.Xml.Linq;

namespace AlmaIntegrationKit.Templates.Tests.Infrastructure;

/// <summary>
/// Once per test run: packs the generator, the runtime, the PostgreSQL and SQL Server sources and the template package with a version no NuGet cache has
/// seen into a temp folder feed, installs the template .nupkg into a throwaway template hive, and prepares a folder
/// whose nuget.config finds the feed. Every instantiation goes under that folder and restores into one shared
/// packages folder, so the kit's dependencies are extracted once for all variants.
/// </summary>
public sealed class PackedTemplates : IDisposable
{
    public PackedTemplates()
    {
        var suffix = string.Create(CultureInfo.InvariantCulture, $"test.{DateTime.UtcNow:yyyyMMddHHmmss}.{System.Environment.ProcessId}");
        Version = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props")).Descendants("VersionPrefix").Single().Value + "-" + suffix;
        WorkDirectory = Directory.CreateTempSubdirectory("alma-template-tests-").FullName;
        FeedDirectory = Path.Combine(WorkDirectory, "feed");
        HiveDirectory = Path.Combine(WorkDirectory, "hive");
        ProjectsDirectory = Path.Combine(WorkDirectory, "projects");
        Directory.CreateDirectory(ProjectsDirectory);
        var artifacts = Path.Combine(WorkDirectory, "artifacts");

        // The generator first, and one MSBuild node: the runtime's pack builds the generator through its project
        // reference, and two builds of one project into one artifacts folder at once can trip on each other.
        foreach (var project in new[]
                 {
                     RepositoryPaths.GeneratorProject, RepositoryPaths.RuntimeProject, RepositoryPaths.PostgreSqlSourceProject,
                     RepositoryPaths.SqlServerSourceProject, RepositoryPaths.TemplatesProject,
                 })
        {
            DotNet.RunChecked(RepositoryPaths.Root, null,
                "pack", project, "-c", "Release", "-o", FeedDirectory, "--artifacts-path", artifacts,
                "-p:VersionSuffix=" + suffix, "-p:ContinuousIntegrationBuild=true", "-nodeReuse:false", "-m:1");
        }

        TemplatePackage = Path.Combine(FeedDirectory, $"AlmaIntegrationKit.Templates.{Version}.nupkg");
        DotNet.RunChecked(WorkDirectory, null, "new", "install", TemplatePackage, "--debug:custom-hive", HiveDirectory);

        // Fence the projects off from anything above the temp folder, and point NuGet at the local feed.
        File.WriteAllText(Path.Combine(ProjectsDirectory, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(ProjectsDirectory, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(ProjectsDirectory, "nuget.config"), LocalFeedNuGetConfig.For(FeedDirectory, WorkDirectory));
        Environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(WorkDirectory, "packages") };
    }

    /// <summary>The unique prerelease version of this run.</summary>
    public string Version { get; }

    public string WorkDirectory { get; }

    public string FeedDirectory { get; }

    public string HiveDirectory { get; }

    /// <summary>Where instantiations go: its nuget.config finds the local feed.</summary>
    public string ProjectsDirectory { get; }

    public string TemplatePackage { get; }

    /// <summary>The environment of every build: one NuGet packages folder of this run's own.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Runs <c>dotnet new alma-sis</c> with this run's hive.</summary>
    internal CommandResult New(string workingDirectory, params string[] arguments) =>
        DotNet.Run(workingDirectory, Environment, ["new", "alma-sis", .. arguments, "--debug:custom-hive", HiveDirectory]);

    /// <summary>A new empty folder under <see cref="ProjectsDirectory"/>.</summary>
    public string NewFolder(string name)
    {
        var path = Path.Combine(ProjectsDirectory, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing the run for.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

}

[CollectionDefinition(Name)]
public sealed class PackedTemplatesCollection : ICollectionFixture<PackedTemplates>
{
    public const string Name = "packed templates";
}
