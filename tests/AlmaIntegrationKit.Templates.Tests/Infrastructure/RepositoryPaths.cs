using AlmaIntegrationKit.Testing;

namespace AlmaIntegrationKit.Templates.Tests.Infrastructure;

/// <summary>Where things are in the repository, under the root <see cref="RepositoryLayout"/> finds for every test project.</summary>
internal static class RepositoryPaths
{
    public static string Root => RepositoryLayout.Root;

    public static string RuntimeProject => Path.Combine(Root, "src", "AlmaIntegrationKit", "AlmaIntegrationKit.csproj");

    public static string GeneratorProject => Path.Combine(Root, "src", "AlmaIntegrationKit.Generators", "AlmaIntegrationKit.Generators.csproj");

    public static string PostgreSqlSourceProject => Path.Combine(Root, "src", "AlmaIntegrationKit.Sources.PostgreSql", "AlmaIntegrationKit.Sources.PostgreSql.csproj");

    public static string SqlServerSourceProject => Path.Combine(Root, "src", "AlmaIntegrationKit.Sources.SqlServer", "AlmaIntegrationKit.Sources.SqlServer.csproj");

    public static string TemplatesProject => Path.Combine(Root, "templates", "AlmaIntegrationKit.Templates.csproj");

    public static string TemplateFolder => Path.Combine(Root, "templates", "alma-sis");

    public static string SchemaDirectory => RepositoryLayout.SchemaDirectory;
}
