using AlmaIntegrationKit.Testing;

namespace AlmaIntegrationKit.NuGetPackages.Tests.Infrastructure;

/// <summary>Where things are in the repository, under the root <see cref="RepositoryLayout"/> finds for every test project.</summary>
internal static class RepositoryPaths
{
    public static string Root => RepositoryLayout.Root;

    public static string RuntimeProject => Path.Combine(Root, "src", "AlmaIntegrationKit", "AlmaIntegrationKit.csproj");

    public static string GeneratorProject => Path.Combine(Root, "src", "AlmaIntegrationKit.Generators", "AlmaIntegrationKit.Generators.csproj");

    public static string GeneratorBuildDirectory => Path.Combine(Root, "src", "AlmaIntegrationKit.Generators", "build");

    public static string SchemaDirectory => RepositoryLayout.SchemaDirectory;

    public static IReadOnlyList<string> SchemaFiles => RepositoryLayout.SchemaFiles;
}
