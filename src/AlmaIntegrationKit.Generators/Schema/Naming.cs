using System.Collections.Generic;
using System.Text;

namespace AlmaIntegrationKit.Generators.Schema;

internal static class Naming
{
    /// <summary><c>user_identifier</c> → <c>UserIdentifier</c>, <c>line1</c> → <c>Line1</c>, <c>01</c> → <c>N01</c>.</summary>
    public static string Pascal(string xmlName)
    {
        var builder = new StringBuilder(xmlName.Length);
        var upperNext = true;
        foreach (var c in xmlName)
        {
            if (!char.IsLetterOrDigit(c))
            {
                upperNext = true;
                continue;
            }

            builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]))
            builder.Insert(0, 'N');
        return builder.ToString();
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
