using AlmaIntegrationKit.Testing;

namespace AlmaIntegrationKit.Generators.Tests.Infrastructure;

/// <summary>Where things are in the repository, under the root <see cref="RepositoryLayout"/> finds for every test project.</summary>
internal static class RepositoryPaths
{
    public static string Root => RepositoryLayout.Root;

    public static string SchemaDirectory => RepositoryLayout.SchemaDirectory;

    public static string TestProjectDirectory => Path.Combine(Root, "tests", "AlmaIntegrationKit.Generators.Tests");

    public static string GoldenDirectory => Path.Combine(TestProjectDirectory, "Golden");

    public static string TestMappingFile => Path.Combine(TestProjectDirectory, "TestData", "alma-user-groups.csv");

    public static IReadOnlyList<string> SchemaFiles => RepositoryLayout.SchemaFiles;
}
