using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using AlmaIntegrationKit.Generators.Common;
using AlmaIntegrationKit.Generators.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AlmaIntegrationKit.Generators.Schema;

/// <summary>
/// Reads one XSD file into <see cref="ParsedSchemaFile"/>. Never touches the disk or the network: includes are
/// only recorded here and resolved among the project's additional files later; DTDs are refused.
/// </summary>
internal sealed class XsdFileParser
{
    private const string XsNamespace = "http://www.w3.org/2001/XMLSchema";

    private readonly string _path;
    private readonly SourceText _text;
    private readonly List<KeyedLocation> _locations = new();
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private int _unsupportedCount;

    private XsdFileParser(string path, SourceText text)
    {
        _path = path;
        _text = text;
    }

    public static ParsedSchemaFile Parse(string path, SourceText text)
    {
        var parser = new XsdFileParser(path, text);
        return parser.ParseDocument();
    }

    private ParsedSchemaFile ParseDocument()
    {
        var fileName = Path.GetFileName(_path);
        var includes = new List<XsdInclude>();
        var elements = new List<XsdElement>();
        var complexTypes = new List<XsdComplexType>();
        var simpleTypes = new List<XsdSimpleType>();
        var unsupported = new List<XsdUnsupported>();

        var document = Load();
        if (document?.Root is { } root)
        {
            if (root.Name != Xs("schema"))
            {
                Report(AlmaDiagnostics.UnexpectedSchemaShape, root, Key("root"),
                    $"'{fileName}' is not an XML Schema: its root element is <{root.Name.LocalName}>, not <xs:schema>");
            }
            else
            {
                if (root.Attribute("targetNamespace") is { } targetNamespace && targetNamespace.Value.Length > 0)
                {
                    unsupported.Add(Unsupported(root, "schema", "targetNamespace", $"the namespace '{targetNamespace.Value}' is ignored; elements are written without a namespace, as Alma's files are"));
                }

                foreach (var child in root.Elements())
                {
                    var name = Name(child);
                    switch (child.Name.LocalName)
                    {
                        case "include" when child.Name.NamespaceName == XsNamespace:
                            var key = Key("include", (string?)child.Attribute("schemaLocation") ?? "");
                            Remember(key, child);
                            includes.Add(new XsdInclude((string?)child.Attribute("schemaLocation") ?? string.Empty, key));
                            break;
                        case "element" when child.Name.NamespaceName == XsNamespace:
                            elements.Add(ParseElement(child, Key("element", name)));
                            break;
                        case "complexType" when child.Name.NamespaceName == XsNamespace:
                            complexTypes.Add(ParseComplexType(child, Key("complexType", name)));
                            break;
                        case "simpleType" when child.Name.NamespaceName == XsNamespace:
                            simpleTypes.Add(ParseSimpleType(child, Key("simpleType", name)));
                            break;
                        case "annotation":
                            break;
                        default:
                            unsupported.Add(Unsupported(child, "schema", "xs:" + child.Name.LocalName, "the declaration is ignored"));
                            break;
                    }
                }
            }
        }

        return new ParsedSchemaFile(
            _path,
            fileName,
            includes.ToEquatableArray(),
            elements.ToEquatableArray(),
            complexTypes.ToEquatableArray(),
            simpleTypes.ToEquatableArray(),
            unsupported.ToEquatableArray(),
            _locations.ToEquatableArray(),
            _diagnostics.ToEquatableArray());
    }

    private XDocument? Load()
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(_text.ToString()), settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException exception)
        {
            var line = Math.Max(1, exception.LineNumber);
            var column = Math.Max(1, exception.LinePosition);
            var location = LocationInfo.FromLineColumn(_path, _text, line, column, 1);
            var text = _text.ToString();
            var doctype = text.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
            if (doctype >= 0 || exception.Message.IndexOf("DTD", StringComparison.Ordinal) >= 0)
            {
                if (doctype >= 0)
                {
                    var position = _text.Lines.GetLinePosition(doctype);
                    location = LocationInfo.FromLineColumn(_path, _text, position.Line + 1, position.Character + 1, "<!DOCTYPE".Length);
                }

                _diagnostics.Add(DiagnosticInfo.Create(AlmaDiagnostics.SchemaDtdRefused, location, Path.GetFileName(_path)));
            }
            else
            {
                _diagnostics.Add(DiagnosticInfo.Create(AlmaDiagnostics.SchemaMalformed, location, Path.GetFileName(_path), exception.Message));
            }

            return null;
        }
    }

    private XsdElement ParseElement(XElement node, string key)
    {
        Remember(key, node);
        var (documentation, appInfo) = ParseAnnotation(node);
        XsdComplexType? inlineComplex = null;
        XsdSimpleType? inlineSimple = null;
        foreach (var child in node.Elements())
        {
            if (child.Name == Xs("complexType"))
                inlineComplex = ParseComplexType(child, key + "/complexType");
            else if (child.Name == Xs("simpleType"))
                inlineSimple = ParseSimpleType(child, key + "/simpleType");
        }

        return new XsdElement(
            Name(node),
            QualifiedLocal((string?)node.Attribute("type")),
            QualifiedLocal((string?)node.Attribute("ref")),
            inlineComplex,
            inlineSimple,
            Occurs((string?)node.Attribute("minOccurs"), 1),
            Occurs((string?)node.Attribute("maxOccurs"), 1),
            (string?)node.Attribute("default") ?? (string?)node.Attribute("fixed"),
            documentation,
            appInfo,
            key);
    }

    private XsdComplexType ParseComplexType(XElement node, string key)
    {
        Remember(key, node);
        var (documentation, appInfo) = ParseAnnotation(node);
        var compositor = Compositor.None;
        var compositorMaxOccurs = 1;
        var elements = new List<XsdElement>();
        var attributes = new List<XsdAttribute>();
        var unsupported = new List<XsdUnsupported>();
        string? simpleContentBase = null;

        if ((string?)node.Attribute("mixed") == "true")
            unsupported.Add(Unsupported(node, key, "mixed content", "text between child elements is not kept"));

        foreach (var child in node.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "sequence" or "all" or "choice":
                    compositor = child.Name.LocalName switch { "sequence" => Compositor.Sequence, "all" => Compositor.All, _ => Compositor.Choice };
                    compositorMaxOccurs = Occurs((string?)child.Attribute("maxOccurs"), 1);
                    ParseParticles(child, key, elements, unsupported);
                    break;
                case "simpleContent":
                    var derivation = child.Elements().FirstOrDefault(e => e.Name == Xs("extension") || e.Name == Xs("restriction"));
                    if (derivation is not null)
                    {
                        simpleContentBase = QualifiedLocal((string?)derivation.Attribute("base"));
                        if (derivation.Name == Xs("restriction"))
                            unsupported.Add(Unsupported(derivation, key, "simpleContent restriction", "the base type's text is used without the restriction's facets"));
                        ParseAttributes(derivation, key, attributes, unsupported);
                    }

                    break;
                case "complexContent":
                    unsupported.Add(Unsupported(child, key, "complexContent", "the type is generated without the derived content; such elements are skipped when read"));
                    break;
                case "attribute" or "attributeGroup" or "anyAttribute":
                    break;
                case "group":
                    unsupported.Add(Unsupported(child, key, "xs:group", "the group's elements are skipped when read and never written"));
                    break;
                case "annotation":
                    break;
                default:
                    unsupported.Add(Unsupported(child, key, "xs:" + child.Name.LocalName, "ignored"));
                    break;
            }
        }

        ParseAttributes(node, key, attributes, unsupported);

        return new XsdComplexType(
            (string?)node.Attribute("name"),
            documentation,
            appInfo,
            compositor,
            compositorMaxOccurs,
            elements.ToEquatableArray(),
            simpleContentBase,
            attributes.ToEquatableArray(),
            unsupported.ToEquatableArray(),
            key);
    }

    private void ParseParticles(XElement compositor, string typeKey, List<XsdElement> elements, List<XsdUnsupported> unsupported)
    {
        foreach (var particle in compositor.Elements())
        {
            switch (particle.Name.LocalName)
            {
                case "element":
                    var elementName = (string?)particle.Attribute("name") ?? QualifiedLocal((string?)particle.Attribute("ref")) ?? string.Empty;
                    elements.Add(ParseElement(particle, typeKey + "/" + Key("element", elementName)));
                    break;
                case "any":
                    unsupported.Add(new XsdUnsupported("xs:any", "any element allowed there is skipped when read and never written",
                        EquatableArray<string>.Empty, true, Remember(typeKey + "/any", particle)));
                    break;
                case "sequence" or "choice" or "all":
                    var names = particle.Descendants(Xs("element"))
                        .Select(e => (string?)e.Attribute("name") ?? QualifiedLocal((string?)e.Attribute("ref")) ?? string.Empty)
                        .Where(n => n.Length > 0)
                        .ToEquatableArray();
                    unsupported.Add(new XsdUnsupported("a nested xs:" + particle.Name.LocalName,
                        "its elements (" + string.Join(", ", names) + ") are skipped when read and never written",
                        names, false, Remember(typeKey + "/nested-" + particle.Name.LocalName, particle)));
                    break;
                case "group":
                    unsupported.Add(Unsupported(particle, typeKey, "xs:group", "the group's elements are skipped when read and never written"));
                    break;
                case "annotation":
                    break;
                default:
                    unsupported.Add(Unsupported(particle, typeKey, "xs:" + particle.Name.LocalName, "ignored"));
                    break;
            }
        }
    }

    private void ParseAttributes(XElement owner, string ownerKey, List<XsdAttribute> attributes, List<XsdUnsupported> unsupported)
    {
        foreach (var child in owner.Elements())
        {
            if (child.Name == Xs("attribute"))
            {
                var name = (string?)child.Attribute("name") ?? QualifiedLocal((string?)child.Attribute("ref")) ?? string.Empty;
                var key = ownerKey + "/" + Key("attribute", name);
                Remember(key, child);
                var (documentation, appInfo) = ParseAnnotation(child);
                var inline = child.Element(Xs("simpleType")) is { } simple ? ParseSimpleType(simple, key + "/simpleType") : null;
                attributes.Add(new XsdAttribute(
                    name,
                    QualifiedLocal((string?)child.Attribute("type")),
                    inline,
                    (string?)child.Attribute("use") == "required",
                    (string?)child.Attribute("default") ?? (string?)child.Attribute("fixed"),
                    documentation,
                    appInfo,
                    key));
            }
            else if (child.Name == Xs("attributeGroup") || child.Name == Xs("anyAttribute"))
            {
                unsupported.Add(Unsupported(child, ownerKey, "xs:" + child.Name.LocalName, "its attributes are not read or written"));
            }
        }
    }

    private XsdSimpleType ParseSimpleType(XElement node, string key)
    {
        Remember(key, node);
        var unsupported = new List<XsdUnsupported>();
        string? baseType = null;
        int? maxLength = null;
        int? minLength = null;
        var enumerations = new List<string>();
        foreach (var child in node.Elements())
        {
            if (child.Name == Xs("restriction"))
            {
                baseType = QualifiedLocal((string?)child.Attribute("base"));
                foreach (var facet in child.Elements())
                {
                    var value = (string?)facet.Attribute("value");
                    switch (facet.Name.LocalName)
                    {
                        case "maxLength":
                            maxLength = ParseInt(value);
                            break;
                        case "minLength":
                            minLength = ParseInt(value);
                            break;
                        case "length":
                            maxLength = minLength = ParseInt(value);
                            break;
                        case "enumeration":
                            if (value is not null)
                                enumerations.Add(value);
                            break;
                        case "annotation":
                            break;
                        default:
                            unsupported.Add(Unsupported(facet, key, "the facet xs:" + facet.Name.LocalName, "it is not checked by the generated validator"));
                            break;
                    }
                }
            }
            else if (child.Name == Xs("list") || child.Name == Xs("union"))
            {
                baseType = "string";
                unsupported.Add(Unsupported(child, key, "xs:" + child.Name.LocalName, "the value is kept as text"));
            }
        }

        if (enumerations.Count > 0)
            unsupported.Add(Unsupported(node, key, "xs:enumeration", "the value is an open string; the listed values are not enforced"));

        return new XsdSimpleType((string?)node.Attribute("name"), baseType, maxLength, minLength, enumerations.ToEquatableArray(), unsupported.ToEquatableArray(), key);
    }

    private (string? Documentation, XsdAppInfo AppInfo) ParseAnnotation(XElement node)
    {
        var annotation = node.Element(Xs("annotation"));
        if (annotation is null)
            return (null, XsdAppInfo.None);

        var documentation = string.Join("\n", annotation.Elements(Xs("documentation")).Select(d => NormalizeText(d.Value)).Where(t => t.Length > 0));
        string? tags = null;
        string? codeTable = null;
        foreach (var appinfo in annotation.Elements(Xs("appinfo")))
        {
            foreach (var item in appinfo.Elements())
            {
                if (item.Name.LocalName == "tags")
                    tags = CollapseSpaces(item.Value);
                else if (item.Name.LocalName == "codeTable")
                    codeTable = CollapseSpaces(item.Value);
            }
        }

        return (documentation.Length == 0 ? null : documentation, tags is null && codeTable is null ? XsdAppInfo.None : new XsdAppInfo(tags, codeTable));
    }

    private XsdUnsupported Unsupported(XElement node, string ownerKey, string construct, string fallback) =>
        new(construct, fallback, EquatableArray<string>.Empty, false, Remember(ownerKey + "/" + construct + "#" + (++_unsupportedCount).ToString(System.Globalization.CultureInfo.InvariantCulture), node));

    private string Remember(string key, XElement node)
    {
        if (node is IXmlLineInfo info && info.HasLineInfo())
        {
            // The reader's column points at the name; the location starts at '<' and covers the tag name.
            var length = node.Name.LocalName.Length + (node.GetPrefixOfNamespace(node.Name.Namespace)?.Length + 1 ?? 0) + 1;
            _locations.Add(new KeyedLocation(key, LocationInfo.FromLineColumn(_path, _text, info.LineNumber, info.LinePosition - 1, length)));
        }

        return key;
    }

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, XElement node, string key, params string[] arguments)
    {
        Remember(key, node);
        LocationInfo? location = null;
        foreach (var keyed in _locations)
        {
            if (keyed.Key == key)
                location = keyed.Location;
        }

        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
    }

    private static string Name(XElement node) => (string?)node.Attribute("name") ?? string.Empty;

    private static string Key(string kind, string name) => kind + "[" + name + "]";

    private static string Key(string kind) => kind;

    private static XName Xs(string localName) => XName.Get(localName, XsNamespace);

    private static string? QualifiedLocal(string? qualifiedName)
    {
        if (qualifiedName is null)
            return null;
        var colon = qualifiedName.IndexOf(':');
        return colon < 0 ? qualifiedName : qualifiedName.Substring(colon + 1);
    }

    private static int Occurs(string? value, int fallback) =>
        value is null ? fallback : value == "unbounded" ? XsdElement.Unbounded : ParseInt(value) ?? fallback;

    private static int? ParseInt(string? value) =>
        int.TryParse(value?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;

    private static string NormalizeText(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).ToList();
        while (lines.Count > 0 && lines[0].Length == 0)
            lines.RemoveAt(0);
        while (lines.Count > 0 && lines[lines.Count - 1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        return string.Join("\n", lines);
    }

    private static string CollapseSpaces(string text) =>
        string.Join(" ", text.Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries));
}
