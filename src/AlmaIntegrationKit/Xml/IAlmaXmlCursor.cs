using System.Xml;

namespace AlmaIntegrationKit.Xml;

/// <summary>
/// What the generated reader asks of the document it reads. Two structs implement it: <see cref="AlmaXmlCursor"/> over
/// the UTF-8 <see cref="AlmaXmlReader"/>, which reads simple values straight from the bytes, and
/// <see cref="XmlReaderCursor"/> over any <see cref="XmlReader"/> (documents in other encodings). The generated code is
/// generic over a struct implementing it, so the JIT compiles it once for each, with direct, inlinable calls.
/// </summary>
/// <remarks>Both give the same values and report the same issues; only the speed differs.</remarks>
public interface IAlmaXmlCursor
{
    /// <summary>The underlying reader, for what the cursor does not cover (issues, skipping, names in messages).</summary>
    XmlReader Reader { get; }

    /// <summary>The vocabulary number of the current element's or attribute's local name; -1 when it is not in the vocabulary or has a namespace.</summary>
    int NameId { get; }

    /// <summary>Whether the current element is empty (<c>&lt;x/&gt;</c>).</summary>
    bool IsEmptyElement { get; }

    /// <summary>The value of the current attribute.</summary>
    string Value { get; }

    /// <summary><see cref="XmlReader.MoveToContent"/>.</summary>
    XmlNodeType MoveToContent();

    /// <summary><see cref="XmlReader.Read"/>.</summary>
    void Read();

    /// <summary><see cref="XmlReader.MoveToNextAttribute"/>.</summary>
    bool MoveToNextAttribute();

    /// <summary><see cref="XmlReader.MoveToElement"/>.</summary>
    void MoveToElement();

    /// <summary><see cref="AlmaReadContext.ReadText(XmlReader, string)"/>: the text of the element <paramref name="name"/>, moving past its end.</summary>
    string ReadText(AlmaReadContext context, string name);

    /// <summary><see cref="AlmaReadContext.ReadCode(XmlReader, string)"/>: a code element's text and <c>desc</c>, moving past its end.</summary>
    AlmaCode ReadCode(AlmaReadContext context, string name);

    /// <summary><see cref="AlmaReadContext.ReadDate(XmlReader, string, out DateOnly)"/>: an <c>xs:date</c> element; false (the issue recorded) when its text is not a date.</summary>
    bool TryReadDate(AlmaReadContext context, string name, out DateOnly value);
}
