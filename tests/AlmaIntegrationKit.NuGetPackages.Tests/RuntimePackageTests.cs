using System.Xml.Linq;
using AlmaIntegrationKit.NuGetPackages.Tests.Infrastructure;

namespace AlmaIntegrationKit.NuGetPackages.Tests;

/// <summary>The packed AlmaIntegrationKit (runtime) .nupkg, opened as a zip.</summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class RuntimePackageTests(PackedPackages packages)
{
    [Fact]
    public void Is_a_plain_library_package_for_net8()
    {
        using var package = new NupkgReader(packages.RuntimePackage);

        Assert.Equal(["README.md", "icon.png", "lib/net8.0/AlmaIntegrationKit.dll", "lib/net8.0/AlmaIntegrationKit.xml"], package.ContentEntries);
    }

    [Fact]
    public void Depends_on_the_generator_at_the_same_version_with_analyzers_and_build_assets()
    {
        using var package = new NupkgReader(packages.RuntimePackage);
        var nuspec = package.Nuspec();
        XNamespace ns = nuspec.Root!.Name.Namespace;

        var generator = Assert.Single(nuspec.Descendants(ns + "dependency"), d => (string?)d.Attribute("id") == "AlmaIntegrationKit.Generators");
        Assert.Equal(packages.Version, (string?)generator.Attribute("version"));

        // NuGet's default for a dependency is exclude="Build,Analyzers", which would leave the college with the
        // runtime and no generated code.
        var exclude = (string?)generator.Attribute("exclude") ?? string.Empty;
        Assert.DoesNotContain("Analyzers", exclude, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Build", exclude, StringComparison.OrdinalIgnoreCase);
        var include = (string?)generator.Attribute("include");
        Assert.True(include is null || include.Equals("All", StringComparison.OrdinalIgnoreCase), "include=" + include);
    }

    [Fact]
    public void Runtime_assembly_does_not_reference_the_generator()
    {
        using var package = new NupkgReader(packages.RuntimePackage);
        using var pe = new System.Reflection.PortableExecutable.PEReader(new MemoryStream(package.ReadBytes("lib/net8.0/AlmaIntegrationKit.dll")));
        var reader = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);

        var names = reader.AssemblyReferences.Select(handle => reader.GetString(reader.GetAssemblyReference(handle).Name)).ToList();
        Assert.DoesNotContain("AlmaIntegrationKit.Generators", names);
        Assert.DoesNotContain(names, name => name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }
}
