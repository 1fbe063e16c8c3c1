using System.Security.Cryptography;

namespace AlmaIntegrationKit.Generators.Tests;

/// <summary>
/// The Ex Libris schema is kept three times in the repository, because each place must stand alone: schema/exlibris
/// (what the tests and benchmarks generate from), the template's Schema/ (what a new college project starts with) and
/// the sample college's. All three are the files as published (the March 2021 publication), byte for byte: pinned
/// here by their SHA-256, which the shared reference copy beside the repository has too, where there is one.
/// </summary>
public class PublishedSchemaCopiesTests
{
    private static readonly Dictionary<string, string> Published = new(StringComparer.Ordinal)
    {
        ["rest_users.xsd"] = "2a2249d311fa5ddc493611495aa77491b206261b2cc53e7afbd1e859d2496a7a",
        ["rest_user.xsd"] = "40423d6d5499c1f3c49342d538e17619d205bfbee722587033d227d3fae8cff3",
        ["rest_researcher.xsd"] = "47470e7f08961034b695652ab29725f3fb93e75d0bc10db25cbcae71631e2764",
    };

    public static TheoryData<string> Copies() => ["schema/exlibris", "templates/alma-sis/Schema", "samples/SampleCollege/Schema"];

    [Theory]
    [MemberData(nameof(Copies))]
    public void Each_copy_holds_exactly_the_published_files_byte_for_byte(string copy)
    {
        var directory = Path.Combine(RepositoryLayout.Root, copy);

        var present = Directory.GetFiles(directory, "*.xsd").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(RepositoryLayout.SchemaFiles.Order(StringComparer.Ordinal), present);
        foreach (var name in RepositoryLayout.SchemaFiles)
            Assert.True(Published[name] == Sha256Of(Path.Combine(directory, name)), $"{copy}/{name} differs from the published file; copy the published file over it unchanged.");
    }

    [Fact]
    public void The_pins_are_those_of_the_shared_reference_copy_where_it_is_beside_the_repository()
    {
        var reference = RepositoryLayout.SharedSchemaDirectory;
        if (!Directory.Exists(reference))
            return; // a clone on its own: the pins above stand for the published files
        foreach (var name in RepositoryLayout.SchemaFiles)
            Assert.Equal(Published[name], Sha256Of(Path.Combine(reference, name)));
    }

    private static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
