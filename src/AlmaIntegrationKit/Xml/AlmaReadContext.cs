using System.Xml;
using AlmaIntegrationKit.Validation;

namespace AlmaIntegrationKit.Xml;

/// <summary>
/// State of the generated reader while it reads one <c>user</c>: the issues found so far, and the reading
/// of text content that tolerates what other tools put in files (comments, CDATA, stray child elements).
/// </summary>
public sealed class AlmaReadContext
{
    private List<ValidationIssue> _issues = [];

    /// <summary>Settings that refuse DTDs and external entities and never resolve anything.</summary>
    public static XmlReaderSettings SafeSettings(bool closeInput) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = closeInput,
    };

    /// <summary>Hands over the issues of the record just read and starts an empty list for the next.</summary>
    public IReadOnlyList<ValidationIssue> TakeIssues()
    {
        if (_issues.Count == 0)
            return [];
        var issues = _issues;
        _issues = [];
        return issues;
    }

    /// <summary>Records a problem of the current record.</summary>
    public void Issue(string path, string rule, string message) => _issues.Add(new ValidationIssue(path, rule, message));

    /// <summary>Records a value of <paramref name="name"/> under <paramref name="parent"/> that does not parse as its XML Schema type.</summary>
    public void BadValue(string parent, string name, string xsdType, string text) =>
        Issue(AlmaPath.Child(parent, name), ValidationRules.DataType, $"'{Shorten(text)}' is not a valid {xsdType}");

    /// <summary>Records an element the schema does not allow here, and skips it.</summary>
    public void UnexpectedElement(XmlReader reader, string parentPath)
    {
        Issue(parentPath.Length == 0 ? reader.LocalName : parentPath + "/" + reader.LocalName, ValidationRules.Structure,
            $"element <{reader.Name}> is not allowed here{LineSuffix(reader)}");
        reader.Skip();
    }

    /// <summary>Records an element that appears a second time where the schema allows it once.</summary>
    public void Repeated(XmlReader reader, string parent) =>
        Issue(AlmaPath.Child(parent, reader.LocalName), ValidationRules.Structure, $"element <{reader.Name}> appears more than once{LineSuffix(reader)}; the last one is kept");

    /// <summary>Records an element that comes before one it must follow (an <c>xs:sequence</c>).</summary>
    public void OutOfOrder(XmlReader reader, string parent, string name) =>
        Issue(AlmaPath.Child(parent, name), ValidationRules.Structure, $"element <{reader.Name}> is out of the order the schema's sequence requires{LineSuffix(reader)}");

    /// <summary>
    /// Reads the text of the element <paramref name="name"/> (under <paramref name="parent"/>) the reader is on, and moves past its end. Child elements, which a text
    /// element must not have, are reported and skipped.
    /// </summary>
    public string ReadText(XmlReader reader, string parent, string name)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return string.Empty;
        }

        reader.Read();
        string? text = null;
        System.Text.StringBuilder? builder = null;
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (text is null)
                    {
                        text = reader.Value;
                    }
                    else
                    {
                        builder ??= new System.Text.StringBuilder(text);
                        builder.Append(reader.Value);
                    }

                    reader.Read();
                    break;
                case XmlNodeType.Element:
                    UnexpectedElement(reader, AlmaPath.Child(parent, name));
                    break;
                default:
                    reader.Read();
                    break;
            }
        }

        reader.Read();
        return builder?.ToString() ?? text ?? string.Empty;
    }

    /// <summary>Reads a code element: its text is the code, its <c>desc</c> attribute the label.</summary>
    public AlmaCode ReadCode(XmlReader reader, string parent, string name)
    {
        var desc = reader.GetAttribute("desc");
        return new AlmaCode(ReadText(reader, parent, name), desc);
    }

    /// <summary>Records non-blank text where only elements are allowed, and skips it.</summary>
    public void UnexpectedText(XmlReader reader, string path)
    {
        Issue(path, ValidationRules.Structure, $"text '{Shorten(reader.Value.Trim())}' is not allowed here{LineSuffix(reader)}");
        reader.Read();
    }

    private static string LineSuffix(XmlReader reader) =>
        reader is IXmlLineInfo info && info.HasLineInfo() ? $" (line {info.LineNumber})" : string.Empty;

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");
}
