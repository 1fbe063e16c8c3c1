using System.Reflection;

namespace AlmaIntegrationKit.Packaging;

/// <summary>
/// What a college's job was built from: the kit, the generator that wrote its Alma code, the template it was created
/// with, and the Ex Libris schema publication. <c>--version</c> prints it and every <c>manifest.json</c> records it,
/// so a run can be traced to its build.
/// </summary>
/// <param name="Application">The college's project and its version, e.g. <c>Foothill.AlmaSis 1.0.0</c>.</param>
/// <param name="Kit">The AlmaIntegrationKit runtime's version.</param>
/// <param name="Generator">The version of the generator that wrote the Alma code; null from an older generator.</param>
/// <param name="Template">The <c>dotnet new alma-sis</c> template version the project was created with; null when unknown.</param>
/// <param name="SchemaPublication">The Ex Libris publication of the schema files; null for files the kit has not seen.</param>
/// <param name="SchemaFingerprint">A SHA-256 prefix of the schema files, which tells two sets apart when the publication is unknown.</param>
internal sealed record BuildVersions(string? Application, string Kit, string? Generator, string? Template, string? SchemaPublication, string? SchemaFingerprint)
{
    /// <summary>The assembly metadata key a college project's build sets to its template version.</summary>
    public const string TemplateVersionKey = "AlmaTemplateVersion";

    /// <summary>The versions of the running job, with the generated <paramref name="schema"/>.</summary>
    public static BuildVersions Of<TUser>(IAlmaSchema<TUser> schema)
        where TUser : class, IAlmaUser
    {
        ArgumentNullException.ThrowIfNull(schema);
        var entry = Assembly.GetEntryAssembly();
        var application = entry is null ? null : $"{entry.GetName().Name} {InformationalVersion(entry)}";
        var template = entry?.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == TemplateVersionKey && !string.IsNullOrEmpty(a.Value))?.Value;
        return new BuildVersions(application, InformationalVersion(typeof(BuildVersions).Assembly), schema.GeneratorVersion, template,
            schema.SchemaPublication, schema.SchemaFingerprint);
    }

    /// <summary>The lines <c>--version</c> prints.</summary>
    public IEnumerable<string> Lines()
    {
        if (Application is not null)
            yield return Application;
        yield return $"  kit        AlmaIntegrationKit {Kit}";
        yield return $"  generator  AlmaIntegrationKit.Generators {Generator ?? "(older than 0.1.0: not recorded)"}";
        yield return $"  template   alma-sis {Template ?? "(not recorded)"}";
        yield return $"  schema     {SchemaPublication ?? "files not known to this kit (a newer publication, or edited)"}{(SchemaFingerprint is null ? "" : $", fingerprint {SchemaFingerprint}")}";
    }

    private static string InformationalVersion(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString()
        ?? "unknown";
}
