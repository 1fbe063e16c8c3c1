using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace AlmaIntegrationKit.Tests.Export;

/// <summary>
/// The real Ex Libris schema as an <see cref="XmlSchemaSet"/>: includes followed through an <see cref="XmlUrlResolver"/>,
/// and the duplicate <c>user_identifiers</c>/<c>user_identifier</c> types of rest_researcher.xsd removed in memory.
/// </summary>
internal static class AlmaSchemaValidation
{
    private static readonly Lazy<XmlSchemaSet> Set = new(Load);

    /// <summary>Every schema error and warning of <paramref name="xml"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Problems(Stream xml)
    {
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Set.Value };
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
        var folder = Path.Combine(AppContext.BaseDirectory, "Schema");
        var set = new XmlSchemaSet { XmlResolver = new DeduplicatingResolver() };
        set.Add(null, Path.Combine(folder, "rest_users.xsd"));
        set.Compile();
        return set;
    }

    private sealed class DeduplicatingResolver : XmlUrlResolver
    {
        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            if (!absoluteUri.IsFile || !absoluteUri.LocalPath.EndsWith("rest_researcher.xsd", StringComparison.Ordinal))
                return base.GetEntity(absoluteUri, role, ofObjectToReturn);
            var document = XDocument.Load(absoluteUri.LocalPath);
            XNamespace xs = "http://www.w3.org/2001/XMLSchema";
            document.Root!.Elements(xs + "complexType")
                .Where(t => (string?)t.Attribute("name") is "user_identifiers" or "user_identifier")
                .Remove();
            var stream = new MemoryStream();
            document.Save(stream);
            stream.Position = 0;
            return stream;
        }
    }
}
