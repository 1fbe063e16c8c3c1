using System.Globalization;
using System.Xml;

namespace AlmaIntegrationKit.Xml;

/// <summary>
/// A node of an Alma SIS document (an element's text, a comment, a tag with its attribute values) is longer than
/// <see cref="AlmaXmlReader.MaxNodeBytes"/>: the readers refuse it without reading it whole, so that a small zip
/// holding one huge value cannot make them take memory in proportion to it. The document cannot be read on from there.
/// </summary>
public sealed class XmlNodeTooLongException : XmlException
{
    /// <summary>
    /// The exception for a <paramref name="nodeKind"/> node in the element at <paramref name="elementPath"/> (empty:
    /// outside the root element) that starts at <paramref name="lineNumber"/>, <paramref name="linePosition"/> and
    /// passed <paramref name="limit"/> bytes (<paramref name="inBytes"/>) or characters.
    /// </summary>
    internal XmlNodeTooLongException(string nodeKind, string elementPath, long limit, bool inBytes, int lineNumber, int linePosition)
        : base(string.Create(CultureInfo.InvariantCulture,
                $"the {nodeKind} {(elementPath.Length == 0 ? "outside the root element" : $"in <{elementPath}>")} is longer than {limit:N0} {(inBytes ? "bytes" : "characters")}, more than any Alma field takes; it is refused without being read."),
            null, lineNumber, linePosition)
    {
        NodeKind = nodeKind;
        ElementPath = elementPath;
        Limit = limit;
    }

    /// <summary>What was too long: <c>text</c>, <c>comment</c>, <c>start tag</c>, ...</summary>
    public string NodeKind { get; }

    /// <summary>The path of the element the node is in, from the root (<c>users/user/last_name</c>); empty outside the root element.</summary>
    public string ElementPath { get; }

    /// <summary>The limit that was passed, in bytes (UTF-8) or characters (other encodings).</summary>
    public long Limit { get; }
}
