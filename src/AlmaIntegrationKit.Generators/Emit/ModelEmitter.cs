using System.Linq;
using AlmaIntegrationKit.Generators.Schema;

namespace AlmaIntegrationKit.Generators.Emit;

/// <summary>The model classes: one per complex type, properties with real nullability, lists, codes, and the schema's appinfo.</summary>
internal static class ModelEmitter
{
    public static string Emit(SchemaModel model, ModelClass type, string generatedNamespace)
    {
        var w = new CodeWriter();
        w.Header(generatedNamespace);
        CSharp.Documentation(w, type.Documentation, $"The <c>{type.XmlName}</c> of the Alma user schema.");
        w.Line(CSharp.GeneratedCodeAttribute);
        if (type.RarelyUsed)
            w.Line(CSharp.RarelyUsedAttribute);
        var isRecord = type.ClassName == model.RecordClassName;
        w.Open($"public sealed partial class {type.ClassName}{(isRecord && model.ImplementsUserContract ? " : global::AlmaIntegrationKit.IAlmaUser" : string.Empty)}");

        var first = true;
        if (type.TextKind is { } textKind)
        {
            w.Line($"/// <summary>The text of the element ({CSharp.XsdName(textKind)}).</summary>");
            w.Line(textKind == ValueKind.String
                ? "public string Value { get; set; } = string.Empty;"
                : $"public {CSharp.ValueType(textKind, null)} Value {{ get; set; }}");
            first = false;
        }

        foreach (var member in type.Members)
        {
            if (!first)
                w.Line();
            first = false;
            CSharp.Documentation(w, member.Documentation, $"The <c>{member.XmlName}</c> {(member.IsAttribute ? "attribute" : "element")}.");
            w.Line(FieldAttribute(member));
            if (member.IsList)
            {
                // Created on first access, so that the many lists a record leaves empty cost nothing; the generated
                // reader, writer and validator look at the field through XOrNull and never create it.
                var valueType = CSharp.ValueType(member.Kind, member.ClassName);
                var field = ListField(member);
                w.Line($"public global::System.Collections.Generic.List<{valueType}> {member.PropertyName} => {field} ??= new();");
                w.Line();
                w.Line($"private global::System.Collections.Generic.List<{valueType}>? {field};");
                w.Line();
                w.Line($"/// <summary><see cref=\"{member.PropertyName}\"/> if anything created it, without creating it.</summary>");
                w.Line($"internal global::System.Collections.Generic.List<{valueType}>? {member.PropertyName}OrNull => {field};");
                continue;
            }

            w.Line(Declaration(member));
        }

        if (isRecord && model.ImplementsUserContract)
            EmitIdentifiers(w, model, type);

        w.Close();
        return w.ToString();
    }

    private static void EmitIdentifiers(CodeWriter w, SchemaModel model, ModelClass user)
    {
        var list = user.Members.First(m => m.XmlName == "user_identifiers");
        var item = model.Classes.First(c => c.ClassName == list.ClassName);
        var idType = item.Members.First(m => m.XmlName == "id_type");
        var value = item.Members.First(m => m.XmlName == "value");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Open("public global::System.Collections.Generic.IEnumerable<global::AlmaIntegrationKit.AlmaIdentifier> GetIdentifiers()");
        w.Line($"foreach (var identifier in {list.PropertyName})");
        w.Line($"    yield return new global::AlmaIntegrationKit.AlmaIdentifier(identifier.{idType.PropertyName}{(idType.Required ? "" : "?")}.Code, identifier.{value.PropertyName});");
        w.Close();
    }

    private static string ListField(ModelMember member) =>
        "_" + char.ToLowerInvariant(member.PropertyName[0]) + member.PropertyName.Substring(1);

    private static string FieldAttribute(ModelMember member)
    {
        var text = $"[global::AlmaIntegrationKit.AlmaField({CSharp.Literal(member.XmlName)}";
        if (member.Tags is not null)
            text += $", Tags = {CSharp.Literal(member.Tags)}, Sis = {(member.IsSisField ? "true" : "false")}";
        if (member.CodeTable is not null)
            text += $", CodeTable = {CSharp.Literal(member.CodeTable)}";
        if (member.IsAttribute)
            text += ", IsAttribute = true";
        return text + ")]";
    }

    private static string Declaration(ModelMember member)
    {
        var valueType = CSharp.ValueType(member.Kind, member.ClassName);
        if (member.IsList)
            return $"public global::System.Collections.Generic.List<{valueType}> {member.PropertyName} {{ get; }} = new();";
        if (!member.Required)
            return $"public {valueType}? {member.PropertyName} {{ get; set; }}";
        return member.Kind switch
        {
            ValueKind.String => $"public string {member.PropertyName} {{ get; set; }} = string.Empty;",
            ValueKind.Code => $"public global::AlmaIntegrationKit.AlmaCode {member.PropertyName} {{ get; set; }} = new(string.Empty);",
            ValueKind.Complex => $"public {valueType} {member.PropertyName} {{ get; set; }} = new();",
            _ => $"public {valueType} {member.PropertyName} {{ get; set; }}",
        };
    }
}
