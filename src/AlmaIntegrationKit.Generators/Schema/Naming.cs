using System.Collections.Generic;
using System.Text;

namespace AlmaIntegrationKit.Generators.Schema;

internal static class Naming
{
    /// <summary><c>user_identifier</c> → <c>UserIdentifier</c>, <c>line1</c> → <c>Line1</c>, <c>01</c> → <c>N01</c>.</summary>
    public static string Pascal(string xmlName)
    {
        var builder = new StringBuilder(xmlName.Length);
        var part = new StringBuilder();
        foreach (var c in xmlName)
        {
            if (char.IsLetterOrDigit(c))
            {
                part.Append(c);
                continue;
            }

            AppendPart(builder, part);
        }

        AppendPart(builder, part);
        if (builder.Length == 0 || char.IsDigit(builder[0]))
            builder.Insert(0, 'N');
        return builder.ToString();
    }

    // "user" -> "User", "FACULTY" -> "Faculty" (codes are often all capitals), "iPhone" -> "IPhone".
    private static void AppendPart(StringBuilder builder, StringBuilder part)
    {
        if (part.Length == 0)
            return;
        var text = part.ToString();
        var allCapitals = true;
        foreach (var c in text)
        {
            if (char.IsLower(c))
                allCapitals = false;
        }

        builder.Append(char.ToUpperInvariant(text[0]));
        builder.Append(allCapitals ? text.Substring(1).ToLowerInvariant() : text.Substring(1));
        part.Clear();
    }

    /// <summary><paramref name="wanted"/>, or with a number appended until no name in <paramref name="used"/> has it.</summary>
    public static string Unique(string wanted, ISet<string> used)
    {
        var name = wanted;
        for (var i = 2; used.Contains(name); i++)
            name = wanted + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        used.Add(name);
        return name;
    }
}
