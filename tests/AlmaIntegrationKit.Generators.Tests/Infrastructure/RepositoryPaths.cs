namespace AlmaIntegrationKit.Generators.Tests.Infrastructure;

/// <summary>Where things are in the repository, found from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string SchemaDirectory => Path.Combine(Root, "schema", "exlibris");

    public static string TestProjectDirectory => Path.Combine(Root, "tests", "AlmaIntegrationKit.Generators.Tests");

    public static string GoldenDirectory => Path.Combine(TestProjectDirectory, "Golden");

    public static string TestMappingFile => Path.Combine(TestProjectDirectory, "TestData", "alma-user-groups.csv");

    public static IReadOnlyList<string> SchemaFiles { get; } =
        ["rest_users.xsd", "rest_user.xsd", "rest_researcher.xsd"];

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AlmaIntegrationKit.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException("AlmaIntegrationKit.sln not found above " + AppContext.BaseDirectory);
    }
}
