using AlmaIntegrationKit.Testing;

namespace AlmaIntegrationKit.NuGetPackages.Tests.Infrastructure;

/// <summary>Where things are in the repository, under the root <see cref="RepositoryLayout"/> finds for every test project.</summary>
internal static class RepositoryPaths
{
    public static string Root => RepositoryLayout.Root;

    public static string RuntimeProject => Path.Combine(Root, "src", "AlmaIntegrationKit", "AlmaIntegrationKit.csproj");

    public static string GeneratorProject => Path.Combine(Root, "src", "AlmaIntegrationKit.Generators", "AlmaIntegrationKit.Generators.csproj");

    public static string PostgreSqlSourceProject => Path.Combine(Root, "src", "AlmaIntegrationKit.Sources.PostgreSql", "AlmaIntegrationKit.Sources.PostgreSql.csproj");

    public static string SqlServerSourceProject => Path.Combine(Root, "src", "AlmaIntegrationKit.Sources.SqlServer", "AlmaIntegrationKit.Sources.SqlServer.csproj");

    /// <summary>The <c>VersionPrefix</c> of Directory.Build.props: the one place the kit's version is set.</summary>
    public static string VersionPrefix => System.Xml.Linq.XDocument.Load(Path.Combine(Root, "Directory.Build.props"))
        .Descendants("VersionPrefix").Single().Value;

    public static string GeneratorBuildDirectory => Path.Combine(Root, "src", "AlmaIntegrationKit.Generators", "build");

    public static string SchemaDirectory => RepositoryLayout.SchemaDirectory;

    public static IReadOnlyList<string> SchemaFiles => RepositoryLayout.SchemaFiles;
}
