namespace AlmaIntegrationKit.Templates.Tests.Infrastructure;

/// <summary>Where things are in the repository, found by walking up from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string RuntimeProject => Path.Combine(Root, "src", "AlmaIntegrationKit", "AlmaIntegrationKit.csproj");

    public static string GeneratorProject => Path.Combine(Root, "src", "AlmaIntegrationKit.Generators", "AlmaIntegrationKit.Generators.csproj");

    public static string TemplatesProject => Path.Combine(Root, "templates", "AlmaIntegrationKit.Templates.csproj");

    public static string TemplateFolder => Path.Combine(Root, "templates", "alma-sis");

    public static string SchemaDirectory => Path.Combine(Root, "schema", "exlibris");

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
