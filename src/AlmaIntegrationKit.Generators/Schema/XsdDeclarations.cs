using AlmaIntegrationKit.Generators.Common;

namespace AlmaIntegrationKit.Generators.Schema;

// The declarations of one schema file, as plain equatable data. They hold no locations: a location lives in the
// file's table under the declaration's Key (its path in the file), so that two textually identical definitions in
// different files compare equal, and moving text around changes only the location table.

internal enum Compositor
{
    None,
    Sequence,
    All,
    Choice,
}

/// <summary>The Ex Libris <c>xs:appinfo</c>: tags such as <c>api sis get post put</c> and the code table behind a field.</summary>
internal sealed record XsdAppInfo(string? Tags, string? CodeTable)
{
    public static readonly XsdAppInfo None = new(null, null);
}

internal sealed record XsdSimpleType(
    string? Name,
    string? BaseType,
    int? MaxLength,
    int? MinLength,
    EquatableArray<string> Enumerations,
    EquatableArray<XsdUnsupported> Unsupported,
    string Key);

internal sealed record XsdAttribute(
    string Name,
    string? TypeName,
    XsdSimpleType? InlineType,
    bool Required,
    string? Default,
    string? Documentation,
    XsdAppInfo AppInfo,
    string Key);

internal sealed record XsdElement(
    string Name,
    string? TypeName,
    string? Ref,
    XsdComplexType? InlineComplex,
    XsdSimpleType? InlineSimple,
    int MinOccurs,
    int MaxOccurs,
    string? Default,
    string? Documentation,
    XsdAppInfo AppInfo,
    string Key)
{
    public const int Unbounded = -1;

    public bool IsRepeated => MaxOccurs == Unbounded || MaxOccurs > 1;
}

/// <summary>A construct the generator does not model, and what it does instead.</summary>
internal sealed record XsdUnsupported(string Construct, string Fallback, EquatableArray<string> SkippedElementNames, bool SkipsAnyElement, string Key);

internal sealed record XsdComplexType(
    string? Name,
    string? Documentation,
    XsdAppInfo AppInfo,
    Compositor Compositor,
    int CompositorMaxOccurs,
    EquatableArray<XsdElement> Elements,
    string? SimpleContentBase,
    EquatableArray<XsdAttribute> Attributes,
    EquatableArray<XsdUnsupported> Unsupported,
    string Key);

internal sealed record XsdInclude(string SchemaLocation, string Key);

internal sealed record KeyedLocation(string Key, LocationInfo Location);

/// <summary>One parsed schema file: its declarations, where each one is, and what was wrong with it.</summary>
internal sealed record ParsedSchemaFile(
    string Path,
    string FileName,
    EquatableArray<XsdInclude> Includes,
    EquatableArray<XsdElement> Elements,
    EquatableArray<XsdComplexType> ComplexTypes,
    EquatableArray<XsdSimpleType> SimpleTypes,
    EquatableArray<XsdUnsupported> Unsupported,
    EquatableArray<KeyedLocation> Locations,
    EquatableArray<DiagnosticInfo> Diagnostics,
    string ContentSha256 = "")
{
    public LocationInfo? Find(string key)
    {
        foreach (var location in Locations)
        {
            if (location.Key == key)
                return location.Location;
        }

        return null;
    }
}
