using System.Xml;

namespace AlmaIntegrationKit.Xml;

/// <summary>The cursor over the UTF-8 <see cref="AlmaXmlReader"/>: element content read in one step from the bytes where it is plain.</summary>
public readonly struct AlmaXmlCursor : IAlmaXmlCursor
{
    private readonly AlmaXmlReader _reader;

    /// <summary>A cursor over <paramref name="reader"/>, numbering names by <paramref name="vocabulary"/>.</summary>
    public AlmaXmlCursor(AlmaXmlReader reader, AlmaXmlVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(vocabulary);
        reader.UseVocabulary(vocabulary);
        _reader = reader;
    }

    /// <inheritdoc />
    public XmlReader Reader => _reader;

    /// <inheritdoc />
    public int NameId => _reader.CurrentNameId;

    /// <inheritdoc />
    public bool IsEmptyElement => _reader.IsEmptyElement;

    /// <inheritdoc />
    public string Value => _reader.PooledValue();

    /// <inheritdoc />
    public XmlNodeType MoveToContent() => _reader.MoveToContent();

    /// <inheritdoc />
    public void Read() => _reader.Read();

    /// <inheritdoc />
    public bool MoveToNextAttribute() => _reader.MoveToNextAttribute();

    /// <inheritdoc />
    public void MoveToElement() => _reader.MoveToElement();

    /// <inheritdoc />
    public string ReadText(AlmaReadContext context, string name) =>
        _reader.TryReadSimpleContent(pooled: false, out var text) ? text : context.ReadText(_reader, name);

    /// <inheritdoc />
    public AlmaCode ReadCode(AlmaReadContext context, string name) =>
        _reader.TryReadSimpleCode(_reader.GetAttributePooled("desc"), out var code) ? code : context.ReadCode(_reader, name);

    /// <inheritdoc />
    public bool TryReadDate(AlmaReadContext context, string name, out DateOnly value) =>
        _reader.TryReadSimpleDate(out value) || context.ReadDate(_reader, name, out value);
}
