using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace AlmaIntegrationKit.Testing;

/// <summary>
/// The real Ex Libris files as an <see cref="XmlSchemaSet"/>, the independent judge of what the generated writer
/// produces. <see cref="XmlSchemaSet"/> needs two things the files as published do not give it: a resolver for the
/// includes, and no duplicate types, so the copies of <c>user_identifiers</c>/<c>user_identifier</c> in
/// rest_researcher.xsd are dropped in memory (the files on disk are untouched).
/// </summary>
internal static class PublishedSchemaSet
{
    private static readonly Lazy<XmlSchemaSet> Set = new(Load);

    public static XmlSchemaSet Instance => Set.Value;

    /// <summary>Every validation error and warning of <paramref name="xml"/>, with line numbers.</summary>
    public static List<string> Validate(Stream xml)
    {
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Instance, DtdProcessing = DtdProcessing.Prohibit };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(xml, settings);
        while (reader.Read())
        {
        }

        return problems;
    }

    private static XmlSchemaSet Load()
    {
        var researcher = XDocument.Load(Path.Combine(RepositoryLayout.SchemaDirectory, "rest_researcher.xsd"));
        XNamespace xs = "http://www.w3.org/2001/XMLSchema";
        researcher.Root!.Elements(xs + "complexType")
            .Where(e => (string?)e.Attribute("name") is "user_identifiers" or "user_identifier")
            .Remove();

        var resolver = new InMemoryResolver(researcher.ToString());
        var set = new XmlSchemaSet { XmlResolver = resolver };
        var problems = new List<string>();
        set.ValidationEventHandler += (_, e) => problems.Add(e.Message);
        using (var users = XmlReader.Create(Path.Combine(RepositoryLayout.SchemaDirectory, "rest_users.xsd"), new XmlReaderSettings { XmlResolver = resolver, DtdProcessing = DtdProcessing.Prohibit }))
            set.Add(null, users);
        set.Compile();
        if (problems.Count > 0 || set.GlobalElements.Count < 3)
            throw new InvalidOperationException("The published schema did not load: " + string.Join("; ", problems));
        return set;
    }

    /// <summary>Serves the includes from the schema folder, with the de-duplicated researcher schema from memory.</summary>
    private sealed class InMemoryResolver(string researcher) : XmlUrlResolver
    {
        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            var name = Path.GetFileName(absoluteUri.LocalPath);
            if (name == "rest_researcher.xsd")
                return new MemoryStream(System.Text.Encoding.UTF8.GetBytes(researcher));
            var local = Path.Combine(RepositoryLayout.SchemaDirectory, name);
            if (!File.Exists(local))
                throw new FileNotFoundException("Not part of the published schema", name);
            return File.OpenRead(local);
        }
    }
}
