using System.Linq;
using AlmaIntegrationKit.Generators.Schema;

namespace AlmaIntegrationKit.Generators.Emit;

/// <summary>
/// The validator: the schema's facets (required children, lengths, XML characters) for every class, and the Alma
/// rules of the SIS load (one preferred address/email/phone, unique identifier values, purge not before expiry,
/// fields the load ignores, user group from the mapping file, deliverable email addresses).
/// </summary>
internal static class ValidatorEmitter
{
    private const string Checks = "global::AlmaIntegrationKit.Validation.AlmaChecks";
    private const string Path = "global::AlmaIntegrationKit.Validation.AlmaPath";
    private const string Issues = "global::System.Collections.Generic.ICollection<global::AlmaIntegrationKit.ValidationIssue>";

    public static string Emit(SchemaModel model, string generatedNamespace)
    {
        var w = new CodeWriter();
        w.Header(generatedNamespace);
        var user = model.RecordClassName;
        w.Line($"/// <summary>Checks <see cref=\"{user}\"/> records against the schema's facets and the rules of Alma's SIS load.</summary>");
        w.Line(CSharp.GeneratedCodeAttribute);
        w.Open("public static class AlmaUserValidator");
        w.Line("/// <summary>Adds every issue of <paramref name=\"user\"/> to <paramref name=\"issues\"/>, each with its field path and rule.</summary>");
        w.Open($"public static void Validate({user} user, {Issues} issues)");
        w.Line("// Most records are valid: a first pass that builds no field paths allocates nothing. Only a record");
        w.Line("// with something to report is checked again, with the paths of its issues.");
        w.Line("var probe = new global::AlmaIntegrationKit.Validation.IssueCounter();");
        w.Line($"Validate{user}(user, string.Empty, false, probe);");
        w.Line("if (probe.Count > 0)");
        w.Line($"    Validate{user}(user, string.Empty, true, issues);");
        w.Close();

        foreach (var type in model.Classes)
            EmitClassValidator(w, model, type);

        w.Close();
        return w.ToString();
    }

    private static void EmitClassValidator(CodeWriter w, SchemaModel model, ModelClass type)
    {
        w.Line();
        if (type.RarelyUsed)
            w.Line(CSharp.RarelyUsedAttribute);
        w.Open($"private static void Validate{type.ClassName}({type.ClassName} v, string path, bool paths, {Issues} issues)");
        if (type.TextKind == ValueKind.String)
            w.Line($"{Checks}.Text(v.Value, path, string.Empty, {CSharp.Int(type.TextMaxLength)}, null, issues);");

        foreach (var member in type.Members)
            EmitMember(w, model, member);

        if (type.ClassName == model.RecordClassName)
            EmitRecordRules(w, model, type);
        w.Close();
    }

    private static void EmitMember(CodeWriter w, SchemaModel model, ModelMember member)
    {
        var name = CSharp.Literal(member.IsAttribute ? "@" + member.XmlName : member.XmlName);
        var access = "v." + member.PropertyName;
        if (member.IgnoredBySis)
        {
            var isSet = member.IsList ? $"{access}OrNull is {{ Count: > 0 }}" : member.Required ? null : $"{access} is not null";
            if (isSet is not null)
                w.Line($"if ({isSet}) {Checks}.IgnoredBySis(path, {name}, issues);");
        }

        if (member.IsList)
        {
            EmitList(w, model, member, name, access);
            return;
        }

        switch (member.Kind)
        {
            case ValueKind.String when member.Required:
                w.Line($"{Checks}.RequiredText({access}, path, {name}, {CSharp.Int(member.MaxLength)}, {CSharp.Int(member.MinLength)}, issues);");
                break;
            case ValueKind.String:
                w.Line($"if ({access} is {{ }} {CSharp.Local(member)}) {Checks}.Text({CSharp.Local(member)}, path, {name}, {CSharp.Int(member.MaxLength)}, {CSharp.Int(member.MinLength)}, issues);");
                break;
            case ValueKind.Code when member.Required:
                w.Line($"{Checks}.Code({access}, path, {name}, {CSharp.Int(member.MaxLength)}, {CSharp.Int(member.DescMaxLength)}, issues);");
                break;
            case ValueKind.Code:
                w.Line($"if ({access} is {{ }} {CSharp.Local(member)}) {Checks}.OptionalCode({CSharp.Local(member)}, path, {name}, {CSharp.Int(member.MaxLength)}, {CSharp.Int(member.DescMaxLength)}, issues);");
                break;
            case ValueKind.Complex when member.Required:
                w.Line($"Validate{member.ClassName}({access}, paths ? {Path}.Child(path, {name}) : path, paths, issues);");
                break;
            case ValueKind.Complex:
                w.Line($"if ({access} is {{ }} {CSharp.Local(member)}) Validate{member.ClassName}({CSharp.Local(member)}, paths ? {Path}.Child(path, {name}) : path, paths, issues);");
                break;
        }

        if (member.XmlName == "email_address" && member.Kind == ValueKind.String)
            w.Line($"{Checks}.Email({access}, path, {name}, issues);");
    }

    private static void EmitList(CodeWriter w, SchemaModel model, ModelMember member, string name, string access)
    {
        var itemName = CSharp.Literal(member.ItemXmlName ?? member.XmlName);
        var listPath = member.ItemXmlName is null ? "path" : $"paths ? {Path}.Child(path, {name}) : path";
        var itemClass = member.Kind == ValueKind.Complex ? model.Classes.FirstOrDefault(c => c.ClassName == member.ClassName) : null;
        var preferred = itemClass?.Members.FirstOrDefault(m => m.IsAttribute && m.XmlName == "preferred" && m.Kind == ValueKind.Boolean && !m.Required);
        if (member.Kind is not (ValueKind.String or ValueKind.Code or ValueKind.Complex) && preferred is null)
            return;

        var list = "list" + member.PropertyName;
        w.Open($"if ({access}OrNull is {{ Count: > 0 }} {list})");
        w.Line($"var listPath = {listPath};");
        if (preferred is not null)
            w.Line("var preferredCount = 0;");
        w.Line($"for (var i = 0; i < {list}.Count; i++)");
        w.Open(string.Empty);
        w.Line($"var item = {list}[i];");
        switch (member.Kind)
        {
            case ValueKind.String:
                w.Line($"{Checks}.Text(item, listPath, paths ? {Path}.Item(string.Empty, {itemName}, i + 1) : {itemName}, {CSharp.Int(member.MaxLength)}, {CSharp.Int(member.MinLength)}, issues);");
                break;
            case ValueKind.Code:
                w.Line($"{Checks}.Code(item, listPath, paths ? {Path}.Item(string.Empty, {itemName}, i + 1) : {itemName}, {CSharp.Int(member.MaxLength)}, {CSharp.Int(member.DescMaxLength)}, issues);");
                break;
            case ValueKind.Complex:
                w.Line($"Validate{member.ClassName}(item, paths ? {Path}.Item(listPath, {itemName}, i + 1) : listPath, paths, issues);");
                break;
        }

        if (preferred is not null)
            w.Line($"if (item.{preferred.PropertyName} == true) preferredCount++;");
        w.Close();
        if (preferred is not null)
        {
            w.Line();
            w.Line($"{Checks}.SinglePreferred(preferredCount, path, {name}, issues);");
        }

        w.Close();
    }

    private static void EmitRecordRules(CodeWriter w, SchemaModel model, ModelClass user)
    {
        var expiry = user.Members.FirstOrDefault(m => m.XmlName == "expiry_date" && m.Kind == ValueKind.Date && !m.IsList && !m.Required);
        var purge = user.Members.FirstOrDefault(m => m.XmlName == "purge_date" && m.Kind == ValueKind.Date && !m.IsList && !m.Required);
        if (expiry is not null && purge is not null)
            w.Line($"{Checks}.PurgeNotBeforeExpiry(v.{expiry.PropertyName}, v.{purge.PropertyName}, path, {CSharp.Literal(purge.XmlName)}, issues);");

        var group = user.Members.FirstOrDefault(m => m.XmlName == "user_group" && m.Kind == ValueKind.Code && !m.IsList && !m.Required);
        if (group is not null)
            w.Line($"{Checks}.UserGroup(v.{group.PropertyName}, AlmaUserGroups.Map, path, {CSharp.Literal(group.XmlName)}, issues);");

        var identifiers = user.Members.FirstOrDefault(m => m.XmlName == "user_identifiers" && m.IsList && m.Kind == ValueKind.Complex && m.ItemXmlName is not null);
        var identifierClass = identifiers is null ? null : model.Classes.FirstOrDefault(c => c.ClassName == identifiers.ClassName);
        var value = identifierClass?.Members.FirstOrDefault(m => m.XmlName == "value" && m.Kind == ValueKind.String && !m.IsList);
        if (identifiers is not null && value is not null)
        {
            w.Line($"{Checks}.UniqueIdentifiers(v.{identifiers.PropertyName}, static item => item.{value.PropertyName}, path, {CSharp.Literal(identifiers.XmlName)}, {CSharp.Literal(identifiers.ItemXmlName!)}, {CSharp.Literal(value.XmlName)}, issues);");
        }
    }
}
