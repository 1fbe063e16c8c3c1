using System.IO.Compression;
using System.Xml.Linq;

namespace AlmaIntegrationKit.NuGetPackages.Tests.Infrastructure;

/// <summary>Reads a .nupkg as the zip it is.</summary>
internal sealed class NupkgReader : IDisposable
{
    private readonly ZipArchive _zip;

    public NupkgReader(string path)
    {
        _zip = ZipFile.OpenRead(path);
    }

    /// <summary>Every entry, as its path inside the package.</summary>
    public IReadOnlyList<string> Entries => _zip.Entries.Select(entry => entry.FullName).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The entries that are the package's content: without the Open Packaging Conventions parts every .nupkg has
    /// (_rels/.rels, [Content_Types].xml, package/services/metadata/core-properties/*.psmdcp) and the .nuspec.
    /// </summary>
    public IReadOnlyList<string> ContentEntries => Entries
        .Where(name => name != "_rels/.rels"
            && name != "[Content_Types].xml"
            && !name.StartsWith("package/services/metadata/", StringComparison.Ordinal)
            && !(name.EndsWith(".nuspec", StringComparison.Ordinal) && !name.Contains('/')))
        .ToList();

    public XDocument Nuspec()
    {
        var entry = _zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }

    public byte[] ReadBytes(string entryName)
    {
        var entry = _zip.GetEntry(entryName) ?? throw new InvalidOperationException(entryName + " is not in the package.");
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    public void Dispose() => _zip.Dispose();
}
