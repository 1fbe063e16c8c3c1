namespace AlmaIntegrationKit.Packaging.Tests.Infrastructure;

/// <summary>Where things are in the repository, found by walking up from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string RuntimeProject => Path.Combine(Root, "src", "AlmaIntegrationKit", "AlmaIntegrationKit.csproj");

    public static string GeneratorProject => Path.Combine(Root, "src", "AlmaIntegrationKit.Generators", "AlmaIntegrationKit.Generators.csproj");

    public static string GeneratorBuildDirectory => Path.Combine(Root, "src", "AlmaIntegrationKit.Generators", "build");

    public static string SchemaDirectory => Path.Combine(Root, "schema", "exlibris");

    public static IReadOnlyList<string> SchemaFiles { get; } = ["rest_users.xsd", "rest_user.xsd", "rest_researcher.xsd"];

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
