using System.Text;
using System.Text.RegularExpressions;

namespace AlmaIntegrationKit.Logins;

/// <summary>
/// The user filter of <c>Ldap:UserFilter</c> (<c>(uid={0})</c>, <c>(sAMAccountName={0})</c>, ...): checked once, then
/// filled with values escaped per RFC 4515, one at a time or many in one OR filter.
/// </summary>
internal sealed partial class LdapFilter
{
    /// <summary>Where the value goes in <see cref="Template"/>.</summary>
    public const string Placeholder = "{0}";

    /// <summary>The default filter, for OpenLDAP and other directories keyed by <c>uid</c>.</summary>
    public const string DefaultTemplate = "(uid={0})";

    private LdapFilter(string template, IReadOnlyList<string> matchAttributes, bool canBatch)
    {
        Template = template;
        MatchAttributes = matchAttributes;
        CanBatch = canBatch;
    }

    /// <summary>The filter as configured.</summary>
    public string Template { get; }

    /// <summary>
    /// The attributes compared with the value (<c>uid</c> in <c>(uid={0})</c>): the search asks for them so that each
    /// entry of a batched search is attributed to the value it holds.
    /// </summary>
    public IReadOnlyList<string> MatchAttributes { get; }

    /// <summary>
    /// Whether every <c>{0}</c> stands alone in an equality assertion (<c>(attr={0})</c>), so that several values can
    /// share one search; other filters (e.g. a substring <c>(cn=*{0}*)</c>) are searched one value at a time.
    /// </summary>
    public bool CanBatch { get; }

    /// <summary>Checks <paramref name="template"/>; throws <see cref="ArgumentException"/> saying what is wrong with it.</summary>
    public static LdapFilter Parse(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var text = template.Trim();
        if (!text.Contains(Placeholder, StringComparison.Ordinal))
            throw new ArgumentException($"'{text}' has no {Placeholder}; put {Placeholder} where the value goes, e.g. {DefaultTemplate} or (sAMAccountName={{0}}).");
        if (!text.StartsWith('(') || !text.EndsWith(')') || !Balanced(text))
            throw new ArgumentException($"'{text}' is not an LDAP filter: it must start with '(' and end with ')', with every parenthesis closed, e.g. {DefaultTemplate}.");

        var placeholders = CountOf(text, Placeholder);
        var attributes = EqualityAssertion().Matches(text).Select(m => m.Groups["attribute"].Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var assertions = EqualityAssertion().Matches(text).Count;
        return new LdapFilter(text, attributes, canBatch: assertions == placeholders);
    }

    /// <summary>Escapes <paramref name="value"/> for an assertion value of a filter (RFC 4515): <c>*</c>, <c>(</c>, <c>)</c>, <c>\</c> and NUL become <c>\2a</c>, <c>\28</c>, <c>\29</c>, <c>\5c</c>, <c>\00</c>.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny("*()\\\0") < 0)
            return value;
        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            escaped.Append(c switch
            {
                '*' => @"\2a",
                '(' => @"\28",
                ')' => @"\29",
                '\\' => @"\5c",
                '\0' => @"\00",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    /// <summary>The filter for one value.</summary>
    public string For(string value) => Template.Replace(Placeholder, Escape(value), StringComparison.Ordinal);

    /// <summary>The filter matching any of <paramref name="values"/>: <c>(|(uid=a)(uid=b)...)</c>.</summary>
    public string ForAny(IReadOnlyCollection<string> values)
    {
        if (values.Count == 1)
            return For(values.First());
        var filter = new StringBuilder("(|", (Template.Length + 8) * values.Count + 3);
        foreach (var value in values)
            filter.Append(For(value));
        return filter.Append(')').ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Template;

    private static bool Balanced(string text)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++; // an escaped character of an assertion value
                continue;
            }

            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth < 0 || (depth == 0 && i < text.Length - 1))
                return false;
        }

        return depth == 0;
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    [GeneratedRegex(@"\((?<attribute>[A-Za-z][A-Za-z0-9-]*|[0-9]+(\.[0-9]+)+)=\{0\}\)")]
    private static partial Regex EqualityAssertion();
}
