using System.Globalization;

namespace AlmaIntegrationKit.NuGetPackages.Tests.Infrastructure;

/// <summary>
/// Packs the src projects (generator, runtime, PostgreSQL and SQL Server sources) once per test run, with a version no
/// NuGet cache has seen (the repository's VersionPrefix with a suffix of this run), into a temp folder feed.
/// Build output goes to a temp artifacts folder too, so the pack neither reads nor disturbs the bin/obj folders
/// that other builds of the repository use.
/// </summary>
public sealed class PackedPackages : IDisposable
{
    public PackedPackages()
    {
        var suffix = string.Create(CultureInfo.InvariantCulture, $"test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}");
        Version = RepositoryPaths.VersionPrefix + "-" + suffix;
        WorkDirectory = Directory.CreateTempSubdirectory("alma-nuget-packages-tests-").FullName;
        FeedDirectory = Path.Combine(WorkDirectory, "feed");
        var artifacts = Path.Combine(WorkDirectory, "artifacts");

        // The generator first, and one MSBuild node (-m:1): the runtime's pack builds the generator through its
        // project reference, and two builds of one project into one artifacts folder at once can trip on each other.
        foreach (var project in new[]
                 {
                     RepositoryPaths.GeneratorProject, RepositoryPaths.RuntimeProject,
                     RepositoryPaths.PostgreSqlSourceProject, RepositoryPaths.SqlServerSourceProject,
                 })
        {
            DotNet.RunChecked(RepositoryPaths.Root, null,
                "pack", project, "-c", "Release", "-o", FeedDirectory, "--artifacts-path", artifacts,
                "-p:VersionSuffix=" + suffix, "-p:ContinuousIntegrationBuild=true", "-nodeReuse:false", "-m:1");
        }

        RuntimePackage = Path.Combine(FeedDirectory, $"AlmaIntegrationKit.{Version}.nupkg");
        GeneratorPackage = Path.Combine(FeedDirectory, $"AlmaIntegrationKit.Generators.{Version}.nupkg");
    }

    /// <summary>The unique prerelease version of this run, e.g. 0.1.0-test.20250101120000.1234.</summary>
    public string Version { get; }

    /// <summary>A temp folder this run owns; deleted at the end.</summary>
    public string WorkDirectory { get; }

    /// <summary>The local folder feed both packages were packed into.</summary>
    public string FeedDirectory { get; }

    public string RuntimePackage { get; }

    public string GeneratorPackage { get; }

    /// <summary>The .nupkg of package <paramref name="id"/> of this run.</summary>
    public string Package(string id) => Path.Combine(FeedDirectory, $"{id}.{Version}.nupkg");

    /// <summary>The symbol package (.snupkg) of package <paramref name="id"/> of this run.</summary>
    public string SymbolPackage(string id) => Path.Combine(FeedDirectory, $"{id}.{Version}.snupkg");

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
public sealed class PackedPackagesCollection : ICollectionFixture<PackedPackages>
{
    public const string Name = "packed packages";
}
