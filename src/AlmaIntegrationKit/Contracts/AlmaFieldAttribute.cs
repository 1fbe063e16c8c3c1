namespace AlmaIntegrationKit;

/// <summary>
/// Carries the Ex Libris schema's <c>xs:appinfo</c> of a generated property to code: its element or attribute
/// name, its tags (<c>api sis get post put</c>), and the Alma code table behind it.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class AlmaFieldAttribute : Attribute
{
    /// <summary>Creates the attribute for the element or attribute <paramref name="xmlName"/>.</summary>
    public AlmaFieldAttribute(string xmlName) => XmlName = xmlName;

    /// <summary>The element or attribute name in the XML.</summary>
    public string XmlName { get; }

    /// <summary>The schema's tags, space separated, e.g. <c>api sis get post put</c>; null when the schema gives none.</summary>
    public string? Tags { get; init; }

    /// <summary>Whether the SIS load reads this field (its tags include <c>sis</c>).</summary>
    public bool Sis { get; init; }

    /// <summary>The Alma code table behind the field, e.g. <c>UserGroups</c>.</summary>
    public string? CodeTable { get; init; }

    /// <summary>Whether the field is an attribute rather than an element.</summary>
    public bool IsAttribute { get; init; }
}
