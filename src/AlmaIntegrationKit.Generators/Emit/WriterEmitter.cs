using System.Linq;
using AlmaIntegrationKit.Generators.Schema;

namespace AlmaIntegrationKit.Generators.Emit;

/// <summary>
/// The streaming <c>&lt;users&gt;</c> writer: markup as UTF-8 literals, elements in schema order (valid for both
/// <c>xs:all</c> and <c>xs:sequence</c>), no reflection, no serializer, no per-user tree.
/// </summary>
internal static class WriterEmitter
{
    private const string Issues = "global::System.Collections.Generic.ICollection<global::AlmaIntegrationKit.ValidationIssue>";

    public static string Emit(SchemaModel model, string generatedNamespace, bool utcDateSuffix)
    {
        var w = new CodeWriter();
        w.Header(generatedNamespace);
        var user = model.RecordClassName;
        w.Line($"/// <summary>Writes Alma SIS files: one <c>&lt;{model.RootElement}&gt;</c> document of <see cref=\"{user}\"/> records, UTF-8 without a byte order mark.</summary>");
        w.Line(CSharp.GeneratedCodeAttribute);
        w.Open($"public sealed class AlmaUsersWriter : global::AlmaIntegrationKit.IAlmaUsersWriter<{user}>");
        w.Line("/// <summary>Whether dates are written with a trailing <c>Z</c> (MSBuild property <c>AlmaDateStyle</c>).</summary>");
        w.Line($"public const bool UtcDateSuffix = {(utcDateSuffix ? "true" : "false")};");
        w.Line();
        w.Line("/// <summary>The bytes of a document before its first record: the XML declaration and the root's start tag.</summary>");
        w.Line($"public static global::System.ReadOnlySpan<byte> DocumentPrefix => {CSharp.Utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + model.RootElement + ">\n")};");
        w.Line();
        w.Line("/// <summary>The bytes of a document after its last record: the root's end tag.</summary>");
        w.Line($"public static global::System.ReadOnlySpan<byte> DocumentSuffix => {CSharp.Utf8("</" + model.RootElement + ">\n")};");
        w.Line();
        w.Line("private readonly global::AlmaIntegrationKit.Xml.AlmaXmlEmitter _emitter;");
        w.Line("private bool _completed;");
        w.Line();
        w.Line("/// <summary>Starts the document on <paramref name=\"output\"/>.</summary>");
        w.Open("public AlmaUsersWriter(global::System.IO.Stream output, bool leaveOpen = false)");
        w.Line("_emitter = new global::AlmaIntegrationKit.Xml.AlmaXmlEmitter(output, leaveOpen);");
        w.Line("_emitter.Raw(DocumentPrefix);");
        w.Close();
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line("public int Count { get; private set; }");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Open($"public bool TryWrite({user} user, {Issues} issues)");
        w.Line("if (_completed)");
        w.Line("    throw new global::System.InvalidOperationException(\"The users document is complete; start a new writer.\");");
        w.Line("if (!TryWriteRecord(_emitter, user, issues))");
        w.Line("    return false;");
        w.Line("Count++;");
        w.Line("return true;");
        w.Close();
        w.Line();
        w.Line($"/// <summary>");
        w.Line($"/// Writes the record of <paramref name=\"user\"/> to <paramref name=\"output\"/>: the bytes a document holds between");
        w.Line($"/// <see cref=\"DocumentPrefix\"/> and <see cref=\"DocumentSuffix\"/>, whatever records are around it. False, with nothing");
        w.Line($"/// written and the reasons added to <paramref name=\"issues\"/>, when a value holds a character XML 1.0 cannot carry.");
        w.Line($"/// </summary>");
        w.Open($"public static bool TryWriteRecord({user} user, global::System.Buffers.IBufferWriter<byte> output, {Issues} issues)");
        w.Line("using var emitter = new global::AlmaIntegrationKit.Xml.AlmaXmlEmitter(output);");
        w.Line("return TryWriteRecord(emitter, user, issues);");
        w.Close();
        w.Line();
        w.Open($"private static bool TryWriteRecord(global::AlmaIntegrationKit.Xml.AlmaXmlEmitter e, {user} user, {Issues} issues)");
        w.Line("e.BeginRecord();");
        w.Line($"if (Write{user}(e, user, {CSharp.Utf8("<" + model.RecordElement)}, {CSharp.Utf8("</" + model.RecordElement + ">\n")}))");
        w.Open("");
        w.Line("e.EndRecord();");
        w.Line("return true;");
        w.Close();
        w.Line();
        w.Line("e.AbortRecord();");
        w.Line("var found = new global::System.Collections.Generic.List<global::AlmaIntegrationKit.ValidationIssue>();");
        w.Line("AlmaUserValidator.Validate(user, found);");
        w.Line("foreach (var issue in found)");
        w.Open("");
        w.Line("if (issue.Rule == global::AlmaIntegrationKit.ValidationRules.XmlCharacter)");
        w.Line("    issues.Add(issue);");
        w.Close();
        w.Line();
        w.Line("return false;");
        w.Close();
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Open("public void Complete()");
        w.Line("if (_completed)");
        w.Line("    return;");
        w.Line("_emitter.Raw(DocumentSuffix);");
        w.Line("_emitter.Flush();");
        w.Line("_completed = true;");
        w.Close();
        w.Line();
        w.Line("/// <summary>Completes the document if needed and releases the output.</summary>");
        w.Open("public void Dispose()");
        w.Line("Complete();");
        w.Line("_emitter.Dispose();");
        w.Close();

        foreach (var type in model.Classes)
            EmitClassWriter(w, type);

        w.Close();
        return w.ToString();
    }

    private static void EmitClassWriter(CodeWriter w, ModelClass type)
    {
        w.Line();
        if (type.RarelyUsed)
            w.Line(CSharp.RarelyUsedAttribute);
        w.Open($"private static bool Write{type.ClassName}(global::AlmaIntegrationKit.Xml.AlmaXmlEmitter e, {type.ClassName} v, global::System.ReadOnlySpan<byte> startTagOpen, global::System.ReadOnlySpan<byte> endTag)");
        w.Line("var ok = true;");
        w.Line("e.Raw(startTagOpen);");
        foreach (var attribute in type.Members.Where(m => m.IsAttribute))
            EmitAttribute(w, attribute);
        w.Line($"e.Raw({CSharp.Utf8(">")});");
        if (type.TextKind is { } textKind)
        {
            if (textKind == ValueKind.String)
                w.Line("ok &= e.TextElement(default, default, v.Value);");
            else
                w.Line(CSharp.EmitValue(textKind, "v.Value"));
        }

        foreach (var member in type.Members.Where(m => !m.IsAttribute))
            EmitElement(w, member);
        w.Line("e.Raw(endTag);");
        w.Line("return ok;");
        w.Close();
    }

    private static void EmitAttribute(CodeWriter w, ModelMember member)
    {
        var prefix = CSharp.Utf8(" " + member.XmlName + "=\"");
        var access = "v." + member.PropertyName;
        var required = member.Required && member.Kind is ValueKind.String;
        if (member.Kind is ValueKind.String or ValueKind.Code)
        {
            var text = member.Kind == ValueKind.Code ? ".Code" : string.Empty;
            if (required)
            {
                w.Line($"ok &= e.Attribute({prefix}, {access}{text});");
            }
            else
            {
                w.Line($"if ({access} is {{ }} {CSharp.Local(member)})");
                w.Line($"    ok &= e.Attribute({prefix}, {CSharp.Local(member)}{text});");
            }

            return;
        }

        w.Open(member.Required ? string.Empty : $"if ({access} is {{ }} {CSharp.Local(member)})");
        w.Line($"e.Raw({prefix});");
        w.Line(CSharp.EmitValue(member.Kind, member.Required ? access : CSharp.Local(member)));
        w.Line($"e.Raw({CSharp.Utf8("\"")});");
        w.Close();
    }

    private static void EmitElement(CodeWriter w, ModelMember member)
    {
        var access = "v." + member.PropertyName;
        if (member.IsList)
        {
            var itemName = member.ItemXmlName ?? member.XmlName;
            var list = access + "OrNull";
            if (member.ItemXmlName is not null)
            {
                w.Open(member.Required ? string.Empty : $"if ({list} is {{ Count: > 0 }})");
                w.Line($"e.Raw({CSharp.Utf8("<" + member.XmlName + ">")});");
            }
            else
            {
                w.Open(string.Empty);
            }

            w.Line($"if ({list} is {{ }} items{member.PropertyName})");
            w.Open(string.Empty);
            w.Line($"foreach (var item in items{member.PropertyName})");
            w.Open(string.Empty);
            EmitValue(w, member.Kind, member.ClassName, itemName, "item");
            w.Close();
            w.Close();
            if (member.ItemXmlName is not null)
                w.Line($"e.Raw({CSharp.Utf8("</" + member.XmlName + ">")});");
            w.Close();
            return;
        }

        if (member.Required && member.Kind is ValueKind.String or ValueKind.Code or ValueKind.Complex)
        {
            EmitValue(w, member.Kind, member.ClassName, member.XmlName, access);
            return;
        }

        if (member.Required)
        {
            w.Open(string.Empty);
            EmitValue(w, member.Kind, member.ClassName, member.XmlName, access);
            w.Close();
            return;
        }

        w.Open($"if ({access} is {{ }} {CSharp.Local(member)})");
        EmitValue(w, member.Kind, member.ClassName, member.XmlName, CSharp.Local(member));
        w.Close();
    }

    private static void EmitValue(CodeWriter w, ValueKind kind, string? className, string xmlName, string expression)
    {
        switch (kind)
        {
            case ValueKind.String:
                w.Line($"ok &= e.TextElement({CSharp.Utf8("<" + xmlName + ">")}, {CSharp.Utf8("</" + xmlName + ">")}, {expression});");
                break;
            case ValueKind.Code:
                w.Line($"ok &= e.CodeElement({CSharp.Utf8("<" + xmlName)}, {CSharp.Utf8("</" + xmlName + ">")}, {expression});");
                break;
            case ValueKind.Complex:
                w.Line($"ok &= Write{className}(e, {expression}, {CSharp.Utf8("<" + xmlName)}, {CSharp.Utf8("</" + xmlName + ">")});");
                break;
            default:
                w.Line($"e.Raw({CSharp.Utf8("<" + xmlName + ">")});");
                w.Line(CSharp.EmitValue(kind, expression));
                w.Line($"e.Raw({CSharp.Utf8("</" + xmlName + ">")});");
                break;
        }
    }
}
