namespace AlmaIntegrationKit.Generators.Tests;

/// <summary>
/// The Ex Libris schema is kept three times in the repository, because each place must stand alone: schema/exlibris
/// (what the tests and benchmarks generate from), the template's Schema/ (what a new college project starts with) and
/// the sample college's. All three are the files as published, byte for byte, and equal the shared reference copy.
/// </summary>
public class PublishedSchemaCopiesTests
{
    public static TheoryData<string> Copies() => ["schema/exlibris", "templates/alma-sis/Schema", "samples/SampleCollege/Schema"];

    [Theory]
    [MemberData(nameof(Copies))]
    public void Each_copy_holds_exactly_the_published_files_byte_for_byte(string copy)
    {
        var reference = RepositoryLayout.SharedSchemaDirectory;
        Assert.True(Directory.Exists(reference), $"The shared reference schema is not at {reference}: put a copy of shared/ beside the repository.");
        var directory = Path.Combine(RepositoryLayout.Root, copy);

        var present = Directory.GetFiles(directory, "*.xsd").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(RepositoryLayout.SchemaFiles.Order(StringComparer.Ordinal), present);
        foreach (var name in RepositoryLayout.SchemaFiles)
        {
            var expected = File.ReadAllBytes(Path.Combine(reference, name));
            var actual = File.ReadAllBytes(Path.Combine(directory, name));
            Assert.True(expected.AsSpan().SequenceEqual(actual),
                $"{copy}/{name} differs from the published file ({reference}/{name}); copy that file over it unchanged.");
        }
    }
}
