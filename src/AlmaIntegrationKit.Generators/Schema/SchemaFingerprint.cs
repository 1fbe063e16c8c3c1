using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace AlmaIntegrationKit.Generators.Schema;

/// <summary>
/// Which publication of the Ex Libris schema a project was built from. Ex Libris's files carry no version, so the
/// set is known by the SHA-256 of its files' text without whitespace: line endings (a Windows checkout) and
/// re-indenting do not change it, and a whitespace-only edit leaves the generated code as it was.
/// </summary>
internal static class SchemaFingerprint
{
    /// <summary>Publications the kit has seen, by fingerprint.</summary>
    private static readonly Dictionary<string, string> Known = new()
    {
        ["d268db8c6aec"] = "Ex Libris Alma users schema, March 2021 publication",
    };

    /// <summary>The SHA-256 of one file's text without its whitespace, lowercase hex.</summary>
    public static string OfText(SourceText text)
    {
        var content = text.ToString();
        var kept = new StringBuilder(content.Length);
        foreach (var c in content)
        {
            if (!char.IsWhiteSpace(c))
                kept.Append(c);
        }

        return Hex(Encoding.UTF8.GetBytes(kept.ToString()));
    }

    /// <summary>The set's fingerprint: the first 12 hex digits of the SHA-256 over its files' names and hashes, in name order.</summary>
    public static string OfSet(IEnumerable<ParsedSchemaFile> files)
    {
        var lines = files.OrderBy(f => f.FileName, System.StringComparer.OrdinalIgnoreCase)
            .Select(f => f.FileName.ToLowerInvariant() + " " + f.ContentSha256 + "\n");
        return Hex(Encoding.UTF8.GetBytes(string.Concat(lines))).Substring(0, 12);
    }

    /// <summary>The publication's name, or null for a set the kit has not seen (a newer publication, or edited files).</summary>
    public static string? Publication(string fingerprint) => Known.TryGetValue(fingerprint, out var name) ? name : null;

    private static string Hex(byte[] bytes)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(bytes);
        var text = new StringBuilder(hash.Length * 2);
        foreach (var b in hash)
            text.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        return text.ToString();
    }
}
