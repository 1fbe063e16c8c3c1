using System.Xml;

namespace AlmaIntegrationKit.Xml;

/// <summary>The cursor over any <see cref="XmlReader"/>, through its public API.</summary>
public readonly struct XmlReaderCursor : IAlmaXmlCursor
{
    private readonly XmlReader _reader;
    private readonly AlmaXmlVocabulary _vocabulary;

    /// <summary>A cursor over <paramref name="reader"/>, numbering names by <paramref name="vocabulary"/>.</summary>
    public XmlReaderCursor(XmlReader reader, AlmaXmlVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(vocabulary);
        _reader = reader;
        _vocabulary = vocabulary;
    }

    /// <inheritdoc />
    public XmlReader Reader => _reader;

    /// <inheritdoc />
    public int NameId => _reader.NamespaceURI.Length == 0 ? _vocabulary.IdOf(_reader.LocalName) : -1;

    /// <inheritdoc />
    public bool IsEmptyElement => _reader.IsEmptyElement;

    /// <inheritdoc />
    public string Value => _reader.Value;

    /// <inheritdoc />
    public XmlNodeType MoveToContent() => _reader.MoveToContent();

    /// <inheritdoc />
    public void Read() => _reader.Read();

    /// <inheritdoc />
    public bool MoveToNextAttribute() => _reader.MoveToNextAttribute();

    /// <inheritdoc />
    public void MoveToElement() => _reader.MoveToElement();

    /// <inheritdoc />
    public string ReadText(AlmaReadContext context, string name) => context.ReadText(_reader, name);

    /// <inheritdoc />
    public AlmaCode ReadCode(AlmaReadContext context, string name) => context.ReadCode(_reader, name);

    /// <inheritdoc />
    public bool TryReadDate(AlmaReadContext context, string name, out DateOnly value) => context.ReadDate(_reader, name, out value);
}
