using System.Globalization;

namespace AlmaIntegrationKit.Validation;

/// <summary>Builds the field paths of <see cref="ValidationIssue"/>s, e.g. <c>contact_info/emails/email[1]/email_address</c>.</summary>
public static class AlmaPath
{
    /// <summary>The child element <paramref name="name"/> of <paramref name="parent"/> (the record itself is the empty path).</summary>
    public static string Child(string parent, string name) =>
        parent.Length == 0 ? name : name.Length == 0 ? parent : string.Concat(parent, "/", name);

    /// <summary>The attribute <paramref name="name"/> of <paramref name="parent"/>: <c>parent/@name</c>.</summary>
    public static string Attribute(string parent, string name) => parent.Length == 0 ? "@" + name : string.Concat(parent, "/@", name);

    /// <summary>The <paramref name="index"/>th (1-based) <paramref name="name"/> element of <paramref name="parent"/>.</summary>
    public static string Item(string parent, string name, int index) =>
        Child(parent, string.Concat(name, "[", index.ToString(CultureInfo.InvariantCulture), "]"));
}
