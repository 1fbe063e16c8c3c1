namespace AlmaIntegrationKit.Testing;

/// <summary>Where the repository is, found from the test's output folder; shared by every test project.</summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    /// <summary>The Ex Libris schema files as published.</summary>
    public static string SchemaDirectory => Path.Combine(Root, "schema", "exlibris");

    /// <summary>
    /// The schema as kept in the shared folder beside the repository (<c>../shared/alma-schema</c>; CI puts a copy of
    /// <c>shared/</c> beside the clone), the reference the repository's copies must equal.
    /// </summary>
    public static string SharedSchemaDirectory => Path.GetFullPath(Path.Combine(Root, "..", "shared", "alma-schema"));

    /// <summary>The names of the published schema files, <c>rest_users.xsd</c> first.</summary>
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
