using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using AlmaIntegrationKit.NuGetPackages.Tests.Infrastructure;

namespace AlmaIntegrationKit.NuGetPackages.Tests;

/// <summary>The packed AlmaIntegrationKit.Generators .nupkg, opened as a zip.</summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class GeneratorPackageTests(PackedPackages packages)
{
    private const string AnalyzerPath = "analyzers/dotnet/cs/AlmaIntegrationKit.Generators.dll";

    [Fact]
    public void Holds_the_analyzer_and_the_build_files_and_nothing_else()
    {
        using var package = new NupkgReader(packages.GeneratorPackage);

        // buildTransitive/ as well as build/: colleges reference the runtime package, which depends on this one, and
        // NuGet imports build/ only for direct references.
        string[] expected =
        [
            AnalyzerPath,
            "README.md",
            "icon.png",
            "build/AlmaIntegrationKit.Generators.props",
            "build/AlmaIntegrationKit.Generators.targets",
            "buildTransitive/AlmaIntegrationKit.Generators.props",
            "buildTransitive/AlmaIntegrationKit.Generators.targets",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), package.ContentEntries);
    }

    [Fact]
    public void Has_no_dependencies_and_no_lib_folder()
    {
        using var package = new NupkgReader(packages.GeneratorPackage);
        var nuspec = package.Nuspec();
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;

        Assert.Equal("AlmaIntegrationKit.Generators", metadata.Element(ns + "id")?.Value);
        Assert.Equal(packages.Version, metadata.Element(ns + "version")?.Value);
        Assert.Empty(metadata.Descendants(ns + "dependency"));
        Assert.Empty(metadata.Descendants(ns + "frameworkAssembly"));
        Assert.DoesNotContain(package.Entries, name => name.StartsWith("lib/", StringComparison.Ordinal) || name.StartsWith("ref/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("AlmaIntegrationKit.Generators.props")]
    [InlineData("AlmaIntegrationKit.Generators.targets")]
    public void Build_and_buildTransitive_files_are_the_repository_files(string fileName)
    {
        using var package = new NupkgReader(packages.GeneratorPackage);
        var source = File.ReadAllBytes(Path.Combine(RepositoryPaths.GeneratorBuildDirectory, fileName));

        Assert.Equal(source, package.ReadBytes("build/" + fileName));
        Assert.Equal(source, package.ReadBytes("buildTransitive/" + fileName));
    }

    [Fact]
    public void Analyzer_loads_in_the_dotnet8_compiler_references_Roslyn_4_8_at_most()
    {
        using var package = new NupkgReader(packages.GeneratorPackage);
        using var pe = new PEReader(new MemoryStream(package.ReadBytes(AnalyzerPath)));
        var reader = pe.GetMetadataReader();
        var references = reader.AssemblyReferences
            .Select(handle => reader.GetAssemblyReference(handle))
            .ToDictionary(reference => reader.GetString(reference.Name), reference => reference.Version, StringComparer.Ordinal);

        // The .NET 8 SDK ships Roslyn 4.8: an analyzer compiled against a newer Microsoft.CodeAnalysis fails to load
        // there (CS8032) and the college sees no generated code at all.
        Assert.True(references.TryGetValue("Microsoft.CodeAnalysis", out var roslyn), "no reference to Microsoft.CodeAnalysis: " + string.Join(", ", references.Keys));
        Assert.True(roslyn <= new Version(4, 8, 0, 0), $"Microsoft.CodeAnalysis {roslyn} is newer than 4.8.0.0");
        if (references.TryGetValue("Microsoft.CodeAnalysis.CSharp", out var csharp))
            Assert.True(csharp <= new Version(4, 8, 0, 0), $"Microsoft.CodeAnalysis.CSharp {csharp} is newer than 4.8.0.0");

        // Roslyn 4.8 itself runs on System.Collections.Immutable / System.Reflection.Metadata 7.0.
        foreach (var name in new[] { "System.Collections.Immutable", "System.Reflection.Metadata" })
        {
            if (references.TryGetValue(name, out var version))
                Assert.True(version <= new Version(7, 0, 0, 0), $"{name} {version} is newer than what Roslyn 4.8 loads");
        }

        // Roslyn and the BCL only: nothing the compiler does not already carry, since the package brings no dependency.
        string[] loadable =
        [
            "netstandard", "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp", "System.Collections.Immutable",
            "System.Reflection.Metadata", "System.Memory", "System.Buffers", "System.Numerics.Vectors",
            "System.Runtime.CompilerServices.Unsafe", "System.Text.Encoding.CodePages", "System.Threading.Tasks.Extensions",
        ];
        Assert.Empty(references.Keys.Except(loadable, StringComparer.Ordinal));

        // And it is a netstandard2.0 assembly, loadable by the .NET Framework MSBuild of Visual Studio as well.
        var targetFramework = reader.GetAssemblyDefinition().GetCustomAttributes()
            .Select(handle => reader.GetCustomAttribute(handle))
            .Select(attribute => (Attribute: attribute, Type: AttributeTypeName(reader, attribute)))
            .Single(pair => pair.Type == "System.Runtime.Versioning.TargetFrameworkAttribute");
        var value = targetFramework.Attribute.DecodeValue(new StringOnlyTypeProvider());
        Assert.Equal(".NETStandard,Version=v2.0", value.FixedArguments[0].Value);
    }

    private static string AttributeTypeName(MetadataReader reader, CustomAttribute attribute)
    {
        var type = attribute.Constructor.Kind switch
        {
            HandleKind.MemberReference => reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent,
            HandleKind.MethodDefinition => reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType(),
            _ => default(EntityHandle),
        };
        return type.Kind switch
        {
            HandleKind.TypeReference => Name(reader.GetTypeReference((TypeReferenceHandle)type).Namespace, reader.GetTypeReference((TypeReferenceHandle)type).Name),
            HandleKind.TypeDefinition => Name(reader.GetTypeDefinition((TypeDefinitionHandle)type).Namespace, reader.GetTypeDefinition((TypeDefinitionHandle)type).Name),
            _ => string.Empty,
        };

        string Name(StringHandle ns, StringHandle name) => reader.GetString(ns) + "." + reader.GetString(name);
    }

    /// <summary>Just enough of a type provider to decode an attribute whose arguments are strings.</summary>
    private sealed class StringOnlyTypeProvider : ICustomAttributeTypeProvider<string>
    {
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSystemType() => "System.Type";

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeDefinition(handle).Name);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeReference(handle).Name);

        public string GetTypeFromSerializedName(string name) => name;

        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

        public bool IsSystemType(string type) => type == "System.Type";
    }
}
