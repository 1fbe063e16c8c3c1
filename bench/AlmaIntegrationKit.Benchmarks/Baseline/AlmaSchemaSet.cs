using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace AlmaIntegrationKit.Benchmarks.Baseline;

/// <summary>
/// The real three Ex Libris files as an <see cref="XmlSchemaSet"/>, the way a college validates today. Two traps of the
/// published files (../shared/alma-schema/README.md): xs:include is only followed with an XmlResolver, and
/// rest_researcher.xsd declares the complexTypes user_identifiers and user_identifier a second time, which XmlSchemaSet
/// refuses. The resolver below serves the files from disk and removes those two duplicates from rest_researcher.xsd in
/// memory; the files themselves are never changed.
/// </summary>
internal static class AlmaSchemaSet
{
    public static string SchemaDirectory => Path.Combine(AppContext.BaseDirectory, "Schema");

    public static XmlSchemaSet Load()
    {
        var resolver = new LocalSchemaResolver();
        var set = new XmlSchemaSet { XmlResolver = resolver };
        var root = Path.Combine(SchemaDirectory, "rest_users.xsd");
        using (var reader = XmlReader.Create(root, new XmlReaderSettings { XmlResolver = resolver, DtdProcessing = DtdProcessing.Prohibit }))
            set.Add(null, reader);
        set.Compile();
        if (!set.GlobalElements.Contains(new XmlQualifiedName("users")) || !set.GlobalElements.Contains(new XmlQualifiedName("user")))
            throw new InvalidOperationException("The schema set lacks <users> or <user>: the includes were not followed.");
        if (resolver.Patched != 1)
            throw new InvalidOperationException("rest_researcher.xsd was not loaded through the resolver.");
        return set;
    }

    /// <summary>Reader settings that validate against <paramref name="set"/>; errors and warnings go to <paramref name="handler"/>.</summary>
    public static XmlReaderSettings ValidatingSettings(XmlSchemaSet set, ValidationEventHandler handler)
    {
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = set,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreWhitespace = true,
        };
        settings.ValidationEventHandler += handler;
        return settings;
    }

    private sealed class LocalSchemaResolver : XmlUrlResolver
    {
        private static readonly XNamespace Xs = "http://www.w3.org/2001/XMLSchema";

        public int Patched { get; private set; }

        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            if (!absoluteUri.IsFile)
                throw new XmlException("Only the local schema files may be resolved, not " + absoluteUri);
            if (!string.Equals(Path.GetFileName(absoluteUri.LocalPath), "rest_researcher.xsd", StringComparison.OrdinalIgnoreCase))
                return base.GetEntity(absoluteUri, role, ofObjectToReturn);

            var document = XDocument.Load(absoluteUri.LocalPath);
            var duplicates = document.Root!.Elements(Xs + "complexType")
                .Where(type => (string?)type.Attribute("name") is "user_identifiers" or "user_identifier")
                .ToList();
            if (duplicates.Count != 2)
                throw new InvalidOperationException($"Expected the two duplicate complexTypes in rest_researcher.xsd, found {duplicates.Count}.");
            duplicates.ForEach(type => type.Remove());
            Patched++;
            var stream = new MemoryStream();
            using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = false }))
                document.Save(writer);
            stream.Position = 0;
            return stream;
        }
    }
}
