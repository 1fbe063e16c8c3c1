using AlmaIntegrationKit.Generators.Common;

namespace AlmaIntegrationKit.Generators.Schema;

// What the emitters need, resolved and named, with no locations: a whitespace edit of an XSD leaves it equal.

internal enum ValueKind
{
    String,
    Code,
    Boolean,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    Date,
    DateTime,
    Complex,
}

/// <summary>One property of a generated class: an element, an attribute, or a list of elements.</summary>
/// <param name="XmlName">The element or attribute name; for a list, the wrapper element (or the repeated element when unwrapped).</param>
/// <param name="ItemXmlName">For a wrapped list (<c>emails</c>/<c>email</c>), the repeated element's name.</param>
/// <param name="Required">For a scalar: minOccurs ≥ 1 or use="required". For a list: the wrapper must be written.</param>
internal sealed record ModelMember(
    string XmlName,
    string PropertyName,
    bool IsAttribute,
    ValueKind Kind,
    string? ClassName,
    bool Required,
    bool IsList,
    string? ItemXmlName,
    int? MaxLength,
    int? MinLength,
    int? DescMaxLength,
    string? Documentation,
    string? Tags,
    string? CodeTable)
{
    public bool IsSisField => Tags is not null && (" " + Tags + " ").Contains(" sis ");

    /// <summary>The schema tags the field and the tags do not include <c>sis</c>: the SIS load ignores it.</summary>
    public bool IgnoredBySis => Tags is not null && !IsSisField;

    public bool IsReferenceType => IsList || Kind is ValueKind.String or ValueKind.Code or ValueKind.Complex;
}

/// <summary>A generated class: a complex type, or an element's anonymous type.</summary>
/// <param name="TextKind">For simple content with attributes other than <c>desc</c> (e.g. <c>loans</c>): the kind of its text.</param>
/// <param name="SkippedElementNames">Elements the schema allows but the model does not hold (fallbacks): read past quietly.</param>
/// <param name="SkipsAnyElement">The type has <c>xs:any</c>: unknown elements are read past quietly.</param>
/// <param name="RarelyUsed">An SIS export seldom fills it (see <see cref="RarelyUsedClasses"/>).</param>
internal sealed record ModelClass(
    string XmlName,
    string ClassName,
    string? Documentation,
    bool IsSequence,
    EquatableArray<ModelMember> Members,
    ValueKind? TextKind,
    int? TextMaxLength,
    EquatableArray<string> SkippedElementNames,
    bool SkipsAnyElement,
    bool RarelyUsed = false);

/// <summary>Everything generated from the schema set.</summary>
/// <param name="RootElement">The document element, <c>users</c>.</param>
/// <param name="RecordElement">The repeated record element under it, <c>user</c>.</param>
/// <param name="RecordClassName">The generated class of a record, <c>User</c>.</param>
/// <param name="ImplementsUserContract">Whether the record class has every member <c>IAlmaUser</c> needs.</param>
/// <param name="Fingerprint">The schema set's <see cref="SchemaFingerprint"/>.</param>
/// <param name="Publication">The Ex Libris publication the fingerprint is known as, if any.</param>
internal sealed record SchemaModel(
    string RootElement,
    string RecordElement,
    string RecordClassName,
    EquatableArray<ModelClass> Classes,
    bool ImplementsUserContract,
    EquatableArray<string> SourceFiles,
    string Fingerprint = "",
    string? Publication = null);
