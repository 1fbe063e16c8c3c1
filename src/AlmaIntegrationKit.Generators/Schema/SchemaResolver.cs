using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using AlmaIntegrationKit.Generators.Common;
using AlmaIntegrationKit.Generators.Diagnostics;
using AlmaIntegrationKit.Shared;

namespace AlmaIntegrationKit.Generators.Schema;

internal sealed record SchemaResolution(SchemaModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// Puts the parsed files together: finds the file that declares <c>users</c>, follows its includes among the
/// project's additional files, merges the declarations (identical duplicates accepted, different ones refused),
/// and builds the <see cref="SchemaModel"/> of every type reachable from <c>users</c>.
/// </summary>
internal sealed class SchemaResolver
{
    private const string RootElementName = "users";

    private static readonly Dictionary<string, ValueKind> BuiltIns = new(StringComparer.Ordinal)
    {
        ["string"] = ValueKind.String, ["normalizedString"] = ValueKind.String, ["token"] = ValueKind.String,
        ["anyURI"] = ValueKind.String, ["NMTOKEN"] = ValueKind.String, ["Name"] = ValueKind.String,
        ["NCName"] = ValueKind.String, ["ID"] = ValueKind.String, ["IDREF"] = ValueKind.String, ["language"] = ValueKind.String,
        ["boolean"] = ValueKind.Boolean,
        ["int"] = ValueKind.Int32, ["short"] = ValueKind.Int32, ["byte"] = ValueKind.Int32,
        ["unsignedShort"] = ValueKind.Int32, ["unsignedByte"] = ValueKind.Int32,
        ["long"] = ValueKind.Int64, ["integer"] = ValueKind.Int64, ["unsignedInt"] = ValueKind.Int64,
        ["nonNegativeInteger"] = ValueKind.Int64, ["positiveInteger"] = ValueKind.Int64,
        ["float"] = ValueKind.Single, ["double"] = ValueKind.Double, ["decimal"] = ValueKind.Decimal,
        ["date"] = ValueKind.Date, ["dateTime"] = ValueKind.DateTime,
    };

    private static readonly string[] TextOnlyBuiltIns =
    {
        "time", "duration", "gYear", "gYearMonth", "gMonth", "gMonthDay", "gDay", "base64Binary", "hexBinary",
        "QName", "NOTATION", "IDREFS", "ENTITY", "ENTITIES", "NMTOKENS", "anySimpleType", "unsignedLong", "negativeInteger", "nonPositiveInteger",
    };

    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly Dictionary<string, (XsdElement Declaration, ParsedSchemaFile File)> _elements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (XsdComplexType Declaration, ParsedSchemaFile File)> _complexTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (XsdSimpleType Declaration, ParsedSchemaFile File)> _simpleTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _classNamesByTypeKey = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedClassNames = new(StringComparer.Ordinal);
    private readonly List<ModelClass> _classes = new();
    private readonly Queue<(XsdComplexType Type, ParsedSchemaFile File, string ClassName, string XmlName)> _pending = new();
    private readonly HashSet<string> _reportedUnsupported = new(StringComparer.Ordinal);

    public static SchemaResolution Resolve(ImmutableArray<ParsedSchemaFile> files)
    {
        var resolver = new SchemaResolver();
        var model = resolver.Run(files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList());
        return new SchemaResolution(model, resolver._diagnostics.ToEquatableArray());
    }

    private SchemaModel? Run(List<ParsedSchemaFile> files)
    {
        foreach (var file in files)
            _diagnostics.AddRange(file.Diagnostics);
        if (files.Count == 0)
            return null;

        var roots = files.Where(f => f.Elements.Any(e => e.Name == RootElementName)).ToList();
        if (roots.Count == 0)
        {
            if (files.All(f => f.Diagnostics.Count == 0))
                _diagnostics.Add(DiagnosticInfo.Create(AlmaDiagnostics.NoUsersElement, null, string.Join(", ", files.Select(f => f.FileName))));
            return null;
        }

        var root = roots[0];
        foreach (var other in roots.Skip(1))
        {
            var element = other.Elements.First(e => e.Name == RootElementName);
            _diagnostics.Add(DiagnosticInfo.Create(AlmaDiagnostics.MultipleRootSchemas, other.Find(element.Key), other.FileName, root.FileName));
        }

        var included = FollowIncludes(root, files);
        foreach (var file in included)
            Merge(file);

        var rootDeclaration = _elements[RootElementName];
        var rootType = ComplexTypeOf(rootDeclaration.Declaration, rootDeclaration.File);
        var record = rootType?.Type.Elements.Count == 1 && rootType.Value.Type.Compositor == Compositor.Sequence
            ? rootType.Value.Type.Elements[0]
            : null;
        if (rootType is null || record is null || !record.IsRepeated)
        {
            _diagnostics.Add(DiagnosticInfo.Create(AlmaDiagnostics.UnexpectedSchemaShape, rootDeclaration.File.Find(rootDeclaration.Declaration.Key),
                "The element 'users' must be a sequence of one repeated record element (as in rest_users.xsd: <user> elements); this one is not, so nothing is generated"));
            return null;
        }

        var recordType = ComplexTypeOf(record, rootType.Value.File);
        if (recordType is null)
        {
            _diagnostics.Add(DiagnosticInfo.Create(AlmaDiagnostics.UnexpectedSchemaShape, rootType.Value.File.Find(record.Key),
                $"The record element '{record.Name}' must have a complex type; nothing is generated"));
            return null;
        }

        var recordClassName = ClassFor(recordType.Value.Type, recordType.Value.File, record.Name, null);
        while (_pending.Count > 0)
        {
            var (type, file, className, xmlName) = _pending.Dequeue();
            _classes.Add(BuildClass(type, file, className, xmlName));
        }

        var recordClass = _classes.First(c => c.ClassName == recordClassName);
        var missing = MissingUserContractMembers(recordClass);
        if (missing is not null)
        {
            _diagnostics.Add(DiagnosticInfo.Create(AlmaDiagnostics.UserContractMissing, recordType.Value.File.Find(recordType.Value.Type.Key), missing));
        }

        var classes = RarelyUsedClasses.Mark(_classes, recordClassName, OtherObjectClassNames(record.Name));
        return new SchemaModel(
            RootElementName,
            record.Name,
            recordClassName,
            classes.ToEquatableArray(),
            missing is null,
            included.Select(f => f.FileName).ToEquatableArray(),
            SchemaFingerprint.OfSet(included),
            SchemaFingerprint.Publication(SchemaFingerprint.OfSet(included)));
    }

    private List<ParsedSchemaFile> FollowIncludes(ParsedSchemaFile root, List<ParsedSchemaFile> files)
    {
        var byName = new Dictionary<string, ParsedSchemaFile>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            if (!byName.ContainsKey(file.FileName))
                byName.Add(file.FileName, file);
        }

        var included = new List<ParsedSchemaFile> { root };
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { root.FileName };
        for (var i = 0; i < included.Count; i++)
        {
            var file = included[i];
            foreach (var include in file.Includes)
            {
                var name = Path.GetFileName(include.SchemaLocation.Replace('\\', '/'));
                if (byName.TryGetValue(name, out var target))
                {
                    if (seen.Add(target.FileName))
                        included.Add(target);
                    continue;
                }

                var suggestion = NearMiss.Suggest(name, byName.Keys.OrderBy(k => k, StringComparer.Ordinal));
                _diagnostics.Add(DiagnosticInfo.Create(AlmaDiagnostics.IncludeNotFound, file.Find(include.Key), file.FileName, include.SchemaLocation,
                    suggestion is null ? "; add it to the project next to the other schema files" : $"; did you mean '{suggestion}'?"));
            }
        }

        return included;
    }

    private void Merge(ParsedSchemaFile file)
    {
        foreach (var element in file.Elements)
            MergeOne(_elements, element.Name, element, file, element.Key, "The element");
        foreach (var type in file.ComplexTypes)
            MergeOne(_complexTypes, type.Name ?? string.Empty, type, file, type.Key, "The complexType");
        foreach (var type in file.SimpleTypes)
            MergeOne(_simpleTypes, type.Name ?? string.Empty, type, file, type.Key, "The simpleType");
        foreach (var unsupported in file.Unsupported)
            ReportUnsupported(unsupported, file);
    }

    private void MergeOne<T>(Dictionary<string, (T Declaration, ParsedSchemaFile File)> map, string name, T declaration, ParsedSchemaFile file, string key, string kind)
        where T : IEquatable<T>
    {
        if (!map.TryGetValue(name, out var first))
        {
            map.Add(name, (declaration, file));
            return;
        }

        var firstPlace = first.File.Find(key)?.Describe() ?? first.File.FileName;
        var descriptor = first.Declaration.Equals(declaration) ? AlmaDiagnostics.DuplicateIdenticalDefinition : AlmaDiagnostics.ConflictingDefinition;
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, file.Find(key), kind, name, firstPlace));
    }

    /// <summary>The classes of global elements other than the root and the record: objects of their own that a record may embed.</summary>
    private HashSet<string> OtherObjectClassNames(string recordElementName)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in _elements)
        {
            if (entry.Key == RootElementName || entry.Key == recordElementName || ComplexTypeOf(entry.Value.Declaration, entry.Value.File) is not { } type)
                continue;
            if (_classNamesByTypeKey.TryGetValue(TypeIdentity(type.Type, type.File), out var className))
                names.Add(className);
        }

        return names;
    }

    private static string TypeIdentity(XsdComplexType type, ParsedSchemaFile file) =>
        type.Name is null ? file.FileName + "|" + type.Key : "named|" + type.Name;

    private (XsdComplexType Type, ParsedSchemaFile File)? ComplexTypeOf(XsdElement element, ParsedSchemaFile file)
    {
        if (element.InlineComplex is not null)
            return (element.InlineComplex, file);
        if (element.TypeName is not null && _complexTypes.TryGetValue(element.TypeName, out var named))
            return named;
        return null;
    }

    private string ClassFor(XsdComplexType type, ParsedSchemaFile file, string elementName, string? ownerClassName)
    {
        var identity = TypeIdentity(type, file);
        if (_classNamesByTypeKey.TryGetValue(identity, out var existing))
            return existing;

        var wanted = Naming.Pascal(type.Name ?? elementName);
        if (type.Name is null && _usedClassNames.Contains(wanted) && ownerClassName is not null)
            wanted = ownerClassName + wanted;
        var className = Naming.Unique(wanted, _usedClassNames);
        _classNamesByTypeKey.Add(identity, className);
        _pending.Enqueue((type, file, className, type.Name ?? elementName));
        foreach (var unsupported in type.Unsupported)
            ReportUnsupported(unsupported, file);
        return className;
    }

    private ModelClass BuildClass(XsdComplexType type, ParsedSchemaFile file, string className, string xmlName)
    {
        var members = new List<ModelMember>();
        var usedNames = new HashSet<string>(StringComparer.Ordinal) { className };
        ValueKind? textKind = null;
        int? textMaxLength = null;

        if (type.SimpleContentBase is not null)
        {
            var text = ResolveSimple(type.SimpleContentBase, null, file, type.Key);
            textKind = text.Kind;
            textMaxLength = text.MaxLength;
            usedNames.Add("Value");
        }

        if (type.Compositor == Compositor.Choice && type.CompositorMaxOccurs != 1)
        {
            ReportUnsupported(new XsdUnsupported("a repeated xs:choice", "its elements are skipped when read and never written",
                type.Elements.Select(e => e.Name).ToEquatableArray(), false, type.Key), file);
        }
        else
        {
            foreach (var element in type.Elements)
            {
                var member = MemberFor(element, file, className, usedNames, type.Compositor == Compositor.Choice);
                if (member is not null)
                    members.Add(member);
            }
        }

        foreach (var attribute in type.Attributes)
        {
            var simple = ResolveSimple(attribute.TypeName, attribute.InlineType, file, attribute.Key);
            var name = Naming.Pascal(attribute.Name);
            if (usedNames.Contains(name))
                name += "Attribute";
            members.Add(new ModelMember(attribute.Name, Naming.Unique(name, usedNames), true, simple.Kind, null, attribute.Required,
                false, null, simple.MaxLength, simple.MinLength, null, attribute.Documentation, attribute.AppInfo.Tags, attribute.AppInfo.CodeTable));
        }

        var skipped = type.Unsupported.SelectMany(u => u.SkippedElementNames).ToList();
        if (type.Compositor == Compositor.Choice && type.CompositorMaxOccurs != 1)
            skipped.AddRange(type.Elements.Select(e => e.Name));

        return new ModelClass(
            xmlName,
            className,
            type.Documentation,
            type.Compositor == Compositor.Sequence,
            members.ToEquatableArray(),
            textKind,
            textMaxLength,
            skipped.Distinct(StringComparer.Ordinal).ToEquatableArray(),
            type.Unsupported.Any(u => u.SkipsAnyElement));
    }

    private ModelMember? MemberFor(XsdElement element, ParsedSchemaFile file, string ownerClassName, HashSet<string> usedNames, bool inChoice)
    {
        if (element.Ref is not null)
        {
            if (!_elements.TryGetValue(element.Ref, out var referenced))
            {
                ReportUndeclared(element.Ref, file, element.Key, _elements.Keys);
                return null;
            }

            element = referenced.Declaration with { MinOccurs = element.MinOccurs, MaxOccurs = element.MaxOccurs, Key = element.Key };
            file = referenced.File;
        }

        var propertyName = Naming.Unique(Naming.Pascal(element.Name), usedNames);
        var required = element.MinOccurs >= 1 && !inChoice;
        var documentation = element.Documentation;
        var tags = element.AppInfo.Tags;
        var codeTable = element.AppInfo.CodeTable;

        var complex = ComplexTypeOf(element, file);
        if (!element.IsRepeated && complex is { } wrapper && IsListWrapper(wrapper.Type))
        {
            var inner = wrapper.Type.Elements[0];
            var innerItem = ItemOf(inner, wrapper.File, ownerClassName);
            if (innerItem is null)
                return null;
            return new ModelMember(element.Name, propertyName, false, innerItem.Kind, innerItem.ClassName, required, true, inner.Name,
                innerItem.MaxLength, innerItem.MinLength, innerItem.DescMaxLength, documentation ?? wrapper.Type.Documentation,
                tags ?? wrapper.Type.AppInfo.Tags, codeTable ?? inner.AppInfo.CodeTable ?? innerItem.CodeTable);
        }

        var item = ItemOf(element, file, ownerClassName);
        if (item is null)
            return null;

        if (element.IsRepeated)
        {
            return new ModelMember(element.Name, propertyName, false, item.Kind, item.ClassName, false, true, null,
                item.MaxLength, item.MinLength, item.DescMaxLength, documentation, tags, codeTable ?? item.CodeTable);
        }

        return new ModelMember(element.Name, propertyName, false, item.Kind, item.ClassName, required, false, null,
            item.MaxLength, item.MinLength, item.DescMaxLength, documentation, tags ?? item.Tags, codeTable ?? item.CodeTable);
    }

    private sealed record Item(ValueKind Kind, string? ClassName, int? MaxLength, int? MinLength, int? DescMaxLength, string? Tags, string? CodeTable);

    /// <summary>What one occurrence of <paramref name="element"/> holds: a simple value, a code, or an instance of a class.</summary>
    private Item? ItemOf(XsdElement element, ParsedSchemaFile file, string ownerClassName)
    {
        var complex = ComplexTypeOf(element, file);
        if (complex is { } found)
        {
            var type = found.Type;
            if (type.SimpleContentBase is not null && type.Elements.Count == 0 && type.Attributes.Count == 1 && type.Attributes[0].Name == "desc" && type.Unsupported.Count == 0)
            {
                var code = ResolveSimple(type.SimpleContentBase, null, found.File, type.Key);
                if (code.Kind == ValueKind.String)
                {
                    var desc = ResolveSimple(type.Attributes[0].TypeName, type.Attributes[0].InlineType, found.File, type.Attributes[0].Key);
                    return new Item(ValueKind.Code, null, code.MaxLength, code.MinLength, desc.MaxLength, type.AppInfo.Tags, type.AppInfo.CodeTable);
                }
            }

            return new Item(ValueKind.Complex, ClassFor(type, found.File, element.Name, ownerClassName), null, null, null, type.AppInfo.Tags, type.AppInfo.CodeTable);
        }

        if (element.TypeName is null && element.InlineSimple is null)
        {
            ReportUnsupported(new XsdUnsupported($"the untyped element '{element.Name}' (xs:anyType)", "its content is kept as text",
                EquatableArray<string>.Empty, false, element.Key), file);
        }

        var simple = ResolveSimple(element.TypeName ?? "string", element.InlineSimple, file, element.Key);
        return new Item(simple.Kind, null, simple.MaxLength, simple.MinLength, null, null, null);
    }

    private static bool IsListWrapper(XsdComplexType type) =>
        type.SimpleContentBase is null
        && type.Attributes.Count == 0
        && type.Unsupported.Count == 0
        && type.Compositor == Compositor.Sequence
        && type.CompositorMaxOccurs == 1
        && type.Elements.Count == 1
        && type.Elements[0].IsRepeated
        && type.Elements[0].Ref is null;

    private readonly record struct Simple(ValueKind Kind, int? MaxLength, int? MinLength);

    private Simple ResolveSimple(string? typeName, XsdSimpleType? inline, ParsedSchemaFile file, string key)
    {
        int? maxLength = null;
        int? minLength = null;
        var current = inline;
        var currentFile = file;
        var name = inline is null ? typeName ?? "string" : null;
        for (var depth = 0; depth < 32; depth++)
        {
            if (current is not null)
            {
                maxLength = Min(maxLength, current.MaxLength);
                minLength = Max(minLength, current.MinLength);
                foreach (var unsupported in current.Unsupported)
                    ReportUnsupported(unsupported, currentFile);
                name = current.BaseType ?? "string";
                current = null;
                continue;
            }

            if (name is null)
                break;
            if (BuiltIns.TryGetValue(name, out var kind))
                return new Simple(kind, maxLength, minLength);
            if (Array.IndexOf(TextOnlyBuiltIns, name) >= 0)
            {
                ReportUnsupported(new XsdUnsupported("the type xs:" + name, "values are kept as text and not checked", EquatableArray<string>.Empty, false, key), file);
                return new Simple(ValueKind.String, maxLength, minLength);
            }

            if (_simpleTypes.TryGetValue(name, out var declared))
            {
                current = declared.Declaration;
                currentFile = declared.File;
                continue;
            }

            ReportUndeclared(name, file, key, _simpleTypes.Keys.Concat(_complexTypes.Keys).Concat(BuiltIns.Keys));
            break;
        }

        return new Simple(ValueKind.String, maxLength, minLength);
    }

    private void ReportUndeclared(string name, ParsedSchemaFile file, string key, IEnumerable<string> candidates)
    {
        var suggestion = NearMiss.Suggest(name, candidates.Distinct().OrderBy(c => c, StringComparer.Ordinal));
        _diagnostics.Add(DiagnosticInfo.Create(AlmaDiagnostics.UndeclaredType, file.Find(key), name,
            suggestion is null ? "; it is read and written as text" : $"; did you mean '{suggestion}'?"));
    }

    private void ReportUnsupported(XsdUnsupported unsupported, ParsedSchemaFile file)
    {
        if (_reportedUnsupported.Add(file.FileName + "|" + unsupported.Key + "|" + unsupported.Construct))
            _diagnostics.Add(DiagnosticInfo.Create(AlmaDiagnostics.UnsupportedConstruct, file.Find(unsupported.Key), unsupported.Construct, unsupported.Fallback));
    }

    private static string? MissingUserContractMembers(ModelClass user)
    {
        var missing = new List<string>();
        Require("primary_id", ValueKind.String);
        Require("user_group", ValueKind.Code);
        Require("campus_code", ValueKind.Code);
        Require("status", ValueKind.Code);
        Require("expiry_date", ValueKind.Date);
        Require("purge_date", ValueKind.Date);
        var identifiers = user.Members.FirstOrDefault(m => m.XmlName == "user_identifiers" && m.IsList && m.Kind == ValueKind.Complex);
        if (identifiers is null)
            missing.Add("user_identifiers list");
        return missing.Count == 0 ? null : string.Join(", ", missing);

        void Require(string xmlName, ValueKind kind)
        {
            if (!user.Members.Any(m => m.XmlName == xmlName && m.Kind == kind && !m.IsList && !m.IsAttribute && !m.Required))
                missing.Add($"optional {xmlName} ({kind})");
        }
    }

    private static int? Min(int? a, int? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static int? Max(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
