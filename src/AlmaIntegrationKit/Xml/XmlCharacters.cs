using System.Buffers;

namespace AlmaIntegrationKit.Xml;

/// <summary>Finds characters that XML 1.0 cannot carry. One of them in a file aborts Alma's whole SIS job.</summary>
internal static class XmlCharacters
{
    // Everything below U+0020 but tab, line feed and carriage return, plus the two non-characters U+FFFE and U+FFFF.
    private static readonly SearchValues<char> Forbidden = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F" +
        "\uFFFE\uFFFF");

    /// <summary>
    /// The index of the first character of <paramref name="value"/> that is not allowed in XML 1.0
    /// (a control character, U+FFFE, U+FFFF or half of a surrogate pair), or -1 when every character is allowed.
    /// </summary>
    public static int IndexOfInvalid(ReadOnlySpan<char> value)
    {
        // The common case in one pass: nothing below U+0020 and nothing from the surrogates up. Most values are names
        // and identifiers, too short for a vectorized search to pay for its setup.
        var unusual = value.Length <= 24 ? IndexOfUnusual(value) : value.IndexOfAnyExceptInRange('\u0020', '\uD7FF');
        if (unusual < 0)
            return -1;
        value = value[unusual..];
        var forbidden = value.IndexOfAny(Forbidden);
        var surrogate = value.IndexOfAnyInRange('\uD800', '\uDFFF');
        while (surrogate >= 0 && (forbidden < 0 || surrogate < forbidden))
        {
            if (char.IsHighSurrogate(value[surrogate]) && surrogate + 1 < value.Length && char.IsLowSurrogate(value[surrogate + 1]))
            {
                var next = value[(surrogate + 2)..].IndexOfAnyInRange('\uD800', '\uDFFF');
                surrogate = next < 0 ? -1 : surrogate + 2 + next;
                continue;
            }

            return unusual + surrogate;
        }

        return forbidden < 0 ? -1 : unusual + forbidden;
    }

    private static int IndexOfUnusual(ReadOnlySpan<char> value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if ((uint)(value[i] - '\u0020') > '\uD7FF' - '\u0020')
                return i;
        }

        return -1;
    }

    /// <summary>A readable description of the character at <paramref name="index"/>, such as <c>U+0007 at position 12</c>.</summary>
    public static string Describe(string value, int index) =>
        $"U+{(int)value[index]:X4} at position {index + 1}";

    /// <summary>
    /// The length of <paramref name="value"/> as XML Schema counts it (Unicode code points, so an emoji is one).
    /// </summary>
    public static int CodePointLength(string value)
    {
        var length = value.Length;
        var surrogates = value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (surrogates < 0)
            return length;
        for (var i = surrogates; i < value.Length - 1; i++)
        {
            if (char.IsHighSurrogate(value[i]) && char.IsLowSurrogate(value[i + 1]))
            {
                length--;
                i++;
            }
        }

        return length;
    }
}
