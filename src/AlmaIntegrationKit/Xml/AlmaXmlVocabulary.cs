namespace AlmaIntegrationKit.Xml;

/// <summary>
/// The element and attribute names a generated reader knows, numbered by their place in the list: the reader
/// dispatches on <see cref="IAlmaXmlCursor.NameId"/> instead of comparing strings.
/// </summary>
public sealed class AlmaXmlVocabulary
{
    private readonly Dictionary<string, int> _ids;

    /// <summary>A vocabulary in which <c>names[i]</c> has the number <c>i</c>.</summary>
    /// <exception cref="ArgumentException">A name appears twice.</exception>
    public AlmaXmlVocabulary(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        _ids = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
            _ids.Add(names[i], i);
    }

    /// <summary>The number of <paramref name="localName"/>, or -1 when it is not in the vocabulary.</summary>
    internal int IdOf(string localName) => _ids.TryGetValue(localName, out var id) ? id : -1;
}
