using System.Reflection.Metadata;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AlmaIntegrationKit.NuGetPackages.Tests.Infrastructure;

namespace AlmaIntegrationKit.NuGetPackages.Tests;

/// <summary>
/// What the ecosystem expects of every package of the kit, read from the packed .nupkg and .snupkg: readme, icon, tags,
/// project URL, license, the repository and commit (SourceLink), symbols, and the one version of Directory.Build.props.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed partial class PackageMetadataTests(PackedPackages packages)
{
    public static TheoryData<string> PackageIds =>
        ["AlmaIntegrationKit", "AlmaIntegrationKit.Generators", "AlmaIntegrationKit.Sources.PostgreSql", "AlmaIntegrationKit.Sources.SqlServer"];

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Has_readme_icon_tags_project_url_license_and_repository_commit(string id)
    {
        using var package = new NupkgReader(packages.Package(id));
        var metadata = Metadata(package);
        string Value(string name) => (string?)metadata.Element(metadata.Name.Namespace + name) ?? "";

        Assert.Equal(id, Value("id"));
        Assert.Equal(packages.Version, Value("version"));
        Assert.Equal("README.md", Value("readme"));
        var readme = System.Text.Encoding.UTF8.GetString(package.ReadBytes("README.md"));
        Assert.StartsWith("# " + id + "\n", readme, StringComparison.Ordinal);

        Assert.Equal("icon.png", Value("icon"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, package.ReadBytes("icon.png")[..4]);

        Assert.Contains("alma", Value("tags").Split(' '));
        Assert.Contains("exlibris", Value("tags").Split(' '));
        Assert.StartsWith("https://", Value("projectUrl"), StringComparison.Ordinal);
        Assert.Equal("MIT", Value("license"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));

        var repository = metadata.Element(metadata.Name.Namespace + "repository");
        Assert.NotNull(repository);
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.Equal(Value("projectUrl"), (string?)repository.Attribute("url"));
        Assert.Matches(CommitId(), (string?)repository.Attribute("commit") ?? "");
    }

    [Theory]
    [InlineData("AlmaIntegrationKit")]
    [InlineData("AlmaIntegrationKit.Sources.PostgreSql")]
    [InlineData("AlmaIntegrationKit.Sources.SqlServer")]
    public void Library_packages_come_with_a_symbol_package_holding_their_portable_pdb(string id)
    {
        using var symbols = new NupkgReader(packages.SymbolPackage(id));

        Assert.Equal([$"lib/net8.0/{id}.pdb"], symbols.ContentEntries);
        using var pdb = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(symbols.ReadBytes($"lib/net8.0/{id}.pdb")));
        var reader = pdb.GetMetadataReader();
        Assert.True(reader.Documents.Count > 0, "the PDB lists no source document");
    }

    [Fact]
    public void The_generator_carries_its_pdb_inside_the_analyzer()
    {
        using var package = new NupkgReader(packages.GeneratorPackage);
        using var stream = new MemoryStream(package.ReadBytes("analyzers/dotnet/cs/AlmaIntegrationKit.Generators.dll"));
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);

        Assert.Contains(pe.ReadDebugDirectory(), entry => entry.Type == System.Reflection.PortableExecutable.DebugDirectoryEntryType.EmbeddedPortablePdb);
        Assert.False(File.Exists(packages.SymbolPackage("AlmaIntegrationKit.Generators")));
    }

    [Fact]
    public void The_version_is_set_in_Directory_Build_props_only_and_the_template_pins_the_same()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+$", RepositoryPaths.VersionPrefix);
        Assert.StartsWith(RepositoryPaths.VersionPrefix + "-", packages.Version, StringComparison.Ordinal);

        // No project or props file of the repository sets a version of its own.
        var files = Directory.EnumerateFiles(RepositoryPaths.Root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".csproj", StringComparison.Ordinal) || f.EndsWith(".props", StringComparison.Ordinal) || f.EndsWith(".targets", StringComparison.Ordinal))
            .Where(f => f != Path.Combine(RepositoryPaths.Root, "Directory.Build.props"))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}artifacts{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            Assert.False(VersionElement().IsMatch(text), $"{file} sets <Version>/<VersionPrefix>/<PackageVersion> itself; the version belongs in Directory.Build.props.");
        }

        // The template's committed pin (stamped with the package version at pack time) is the same version.
        var templateProps = XDocument.Load(Path.Combine(RepositoryPaths.Root, "templates", "alma-sis", "Directory.Packages.props"));
        Assert.Equal(RepositoryPaths.VersionPrefix, templateProps.Descendants("AlmaIntegrationKitVersion").Single().Value);
    }

    private static XElement Metadata(NupkgReader package)
    {
        var nuspec = package.Nuspec();
        return nuspec.Root!.Element(nuspec.Root.Name.Namespace + "metadata")!;
    }

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex CommitId();

    // A version element in a project file other than Directory.Build.props (whose VersionPrefix is the one place).
    [GeneratedRegex(@"<(Version|VersionPrefix|PackageVersion)>\s*\d")]
    private static partial Regex VersionElement();
}
