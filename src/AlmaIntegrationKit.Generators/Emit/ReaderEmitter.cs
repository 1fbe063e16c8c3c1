using System.Linq;
using AlmaIntegrationKit.Generators.Schema;

namespace AlmaIntegrationKit.Generators.Emit;

/// <summary>
/// The streaming <c>&lt;users&gt;</c> reader over the <see cref="System.Xml.XmlReader"/> that
/// <c>AlmaReadContext.CreateReader</c> picks (the UTF-8 <c>AlmaXmlReader</c>, or XmlReader for other encodings): one record at a time, in any
/// order for <c>xs:all</c>, with every problem inside a record reported on that record with its path.
/// </summary>
internal static class ReaderEmitter
{
    public static string Emit(SchemaModel model, string generatedNamespace)
    {
        var w = new CodeWriter();
        w.Header(generatedNamespace);
        var user = model.RecordClassName;
        w.Line($"/// <summary>Reads Alma SIS files (<c>&lt;{model.RootElement}&gt;</c> documents), made by this kit or by any other tool.</summary>");
        w.Line(CSharp.GeneratedCodeAttribute);
        w.Open("public static class AlmaUsersReader");
        w.Line("/// <summary>");
        w.Line($"/// The <c>{model.RecordElement}</c> records of <paramref name=\"input\"/>, one at a time. DTDs are refused; a document that is");
        w.Line("/// not well-formed throws <see cref=\"global::System.Xml.XmlException\"/> with its line.");
        w.Line("/// </summary>");
        w.Open($"public static global::System.Collections.Generic.IEnumerable<global::AlmaIntegrationKit.AlmaUserRecord<{user}>> Read(global::System.IO.Stream input)");
        w.Line("using var r = global::AlmaIntegrationKit.Xml.AlmaReadContext.CreateReader(input, closeInput: false);");
        w.Line("var context = new global::AlmaIntegrationKit.Xml.AlmaReadContext();");
        w.Line("var lineInfo = (global::System.Xml.IXmlLineInfo)r;");
        w.Line($"if (r.MoveToContent() != global::System.Xml.XmlNodeType.Element || r.LocalName != {CSharp.Literal(model.RootElement)} || r.NamespaceURI.Length != 0)");
        w.Line($"    throw new global::System.Xml.XmlException(\"The document element must be <{model.RootElement}>, not <\" + r.Name + \">.\", null, lineInfo.LineNumber, lineInfo.LinePosition);");
        w.Line("if (r.IsEmptyElement)");
        w.Line("    yield break;");
        w.Line("r.Read();");
        w.Line("while (r.MoveToContent() == global::System.Xml.XmlNodeType.Element)");
        w.Open(string.Empty);
        w.Line($"if (r.LocalName != {CSharp.Literal(model.RecordElement)} || r.NamespaceURI.Length != 0)");
        w.Line($"    throw new global::System.Xml.XmlException(\"Only <{model.RecordElement}> elements may stand in <{model.RootElement}>, not <\" + r.Name + \">.\", null, lineInfo.LineNumber, lineInfo.LinePosition);");
        w.Line("var line = lineInfo.LineNumber;");
        w.Line($"var record = Read{user}(r, context);");
        w.Line($"yield return new global::AlmaIntegrationKit.AlmaUserRecord<{user}>(record, line, context.TakeIssues());");
        w.Close();
        w.Close();

        foreach (var type in model.Classes)
            EmitClassReader(w, type);

        w.Close();
        return w.ToString();
    }

    private static void EmitClassReader(CodeWriter w, ModelClass type)
    {
        w.Line();
        w.Open($"private static {type.ClassName} Read{type.ClassName}(global::System.Xml.XmlReader r, global::AlmaIntegrationKit.Xml.AlmaReadContext context)");
        w.Line($"var v = new {type.ClassName}();");
        EmitAttributes(w, type);
        if (type.TextKind is { } textKind)
        {
            w.Line("var text = context.ReadText(r, string.Empty);");
            if (textKind == ValueKind.String)
            {
                w.Line("v.Value = text;");
            }
            else
            {
                w.Line($"if ({CSharp.Parser(textKind)}(text, out var value))");
                w.Line("    v.Value = value;");
                w.Line("else");
                w.Line($"    context.BadValue(string.Empty, {CSharp.Literal(CSharp.XsdName(textKind))}, text);");
            }

            w.Line("return v;");
            w.Close();
            return;
        }

        var elements = type.Members.Where(m => !m.IsAttribute).ToList();
        w.Line("if (r.IsEmptyElement)");
        w.Open(string.Empty);
        w.Line("r.Read();");
        w.Line("return v;");
        w.Close();
        w.Line();
        w.Line("r.Read();");
        var trackSeen = elements.Any(m => !(m.IsList && m.ItemXmlName is null));
        if (trackSeen)
            w.Line(type.IsSequence ? "var last = -1;" : "var seen = 0UL;");
        w.Line("while (true)");
        w.Open(string.Empty);
        w.Line("var node = r.MoveToContent();");
        w.Line("if (node == global::System.Xml.XmlNodeType.EndElement || node == global::System.Xml.XmlNodeType.None)");
        w.Line("    break;");
        w.Line("if (node != global::System.Xml.XmlNodeType.Element)");
        w.Open(string.Empty);
        w.Line("context.UnexpectedText(r);");
        w.Line("continue;");
        w.Close();
        w.Line();
        w.Line("if (r.NamespaceURI.Length != 0)");
        w.Open(string.Empty);
        w.Line("context.UnexpectedElement(r);");
        w.Line("continue;");
        w.Close();
        w.Line();
        w.Line("switch (r.LocalName)");
        w.Open(string.Empty);
        for (var index = 0; index < elements.Count; index++)
        {
            var member = elements[index];
            w.Line($"case {CSharp.Literal(member.XmlName)}:");
            w.Indent();
            if (!(member.IsList && member.ItemXmlName is null))
            {
                if (type.IsSequence)
                {
                    w.Line($"if (last > {CSharp.Int(index)})");
                    w.Line("    context.OutOfOrder(r);");
                    w.Line($"last = {CSharp.Int(index)};");
                }
                else if (index < 64)
                {
                    var bit = "(1UL << " + CSharp.Int(index) + ")";
                    w.Line($"if ((seen & {bit}) != 0)");
                    w.Line("    context.Repeated(r);");
                    w.Line($"seen |= {bit};");
                }
            }

            EmitElementRead(w, member);
            w.Line("break;");
            w.Outdent();
        }

        foreach (var skipped in type.SkippedElementNames)
        {
            w.Line($"case {CSharp.Literal(skipped)}:");
            w.Line("    r.Skip();");
            w.Line("    break;");
        }

        w.Line("default:");
        w.Line(type.SkipsAnyElement ? "    r.Skip();" : "    context.UnexpectedElement(r);");
        w.Line("    break;");
        w.Close();
        w.Close();
        w.Line();
        w.Line("r.Read();");
        w.Line("return v;");
        w.Close();
    }

    private static void EmitAttributes(CodeWriter w, ModelClass type)
    {
        var attributes = type.Members.Where(m => m.IsAttribute).ToList();
        w.Line("while (r.MoveToNextAttribute())");
        w.Open(string.Empty);
        w.Line("if (r.NamespaceURI.Length != 0)");
        w.Line("    continue;");
        w.Line("switch (r.LocalName)");
        w.Open(string.Empty);
        foreach (var attribute in attributes)
        {
            w.Line($"case {CSharp.Literal(attribute.XmlName)}:");
            w.Indent();
            switch (attribute.Kind)
            {
                case ValueKind.String:
                    w.Line($"v.{attribute.PropertyName} = r.Value;");
                    break;
                case ValueKind.Code:
                    w.Line($"v.{attribute.PropertyName} = new global::AlmaIntegrationKit.AlmaCode(r.Value);");
                    break;
                default:
                    w.Line($"if ({CSharp.Parser(attribute.Kind)}(r.Value, out var {CSharp.Local(attribute)}))");
                    w.Line($"    v.{attribute.PropertyName} = {CSharp.Local(attribute)};");
                    w.Line("else");
                    w.Line($"    context.BadValue({CSharp.Literal("@" + attribute.XmlName)}, {CSharp.Literal(CSharp.XsdName(attribute.Kind))}, r.Value);");
                    break;
            }

            w.Line("break;");
            w.Outdent();
        }

        w.Line("default:");
        w.Line("    context.UnexpectedAttribute(r);");
        w.Line("    break;");
        w.Close();
        w.Close();
        w.Line();
        w.Line("r.MoveToElement();");
    }

    private static void EmitElementRead(CodeWriter w, ModelMember member)
    {
        var name = CSharp.Literal(member.XmlName);
        if (member.IsList && member.ItemXmlName is not null)
        {
            var itemName = CSharp.Literal(member.ItemXmlName);
            w.Line("if (r.IsEmptyElement)");
            w.Open(string.Empty);
            w.Line("r.Read();");
            w.Line("break;");
            w.Close();
            w.Line();
            w.Open(string.Empty);
            w.Line($"context.Enter({name});");
            w.Line("var index = 0;");
            w.Line("r.Read();");
            w.Line("while (true)");
            w.Open(string.Empty);
            w.Line("var itemNode = r.MoveToContent();");
            w.Line("if (itemNode == global::System.Xml.XmlNodeType.EndElement || itemNode == global::System.Xml.XmlNodeType.None)");
            w.Line("    break;");
            w.Line("if (itemNode != global::System.Xml.XmlNodeType.Element)");
            w.Line("    context.UnexpectedText(r);");
            w.Line($"else if (r.LocalName != {itemName} || r.NamespaceURI.Length != 0)");
            w.Line("    context.UnexpectedElement(r);");
            w.Line("else");
            w.Open(string.Empty);
            w.Line("index++;");
            EmitItemRead(w, member, $"v.{member.PropertyName}", itemName, "index");
            w.Close();
            w.Close();
            w.Line();
            w.Line("r.Read();");
            w.Line("context.Exit();");
            w.Close();
            return;
        }

        if (member.IsList)
        {
            w.Open(string.Empty);
            EmitItemRead(w, member, $"v.{member.PropertyName}", name, $"v.{member.PropertyName}.Count + 1");
            w.Close();
            return;
        }

        switch (member.Kind)
        {
            case ValueKind.String:
                w.Line($"v.{member.PropertyName} = context.ReadText(r, {name});");
                break;
            case ValueKind.Code:
                w.Line($"v.{member.PropertyName} = context.ReadCode(r, {name});");
                break;
            case ValueKind.Complex:
                w.Line($"context.Enter({name});");
                w.Line($"v.{member.PropertyName} = Read{member.ClassName}(r, context);");
                w.Line("context.Exit();");
                break;
            default:
                w.Open(string.Empty);
                w.Line($"var text = context.ReadText(r, {name});");
                w.Line($"if ({CSharp.Parser(member.Kind)}(text, out var value))");
                w.Line($"    v.{member.PropertyName} = value;");
                w.Line("else");
                w.Line($"    context.BadValue({name}, {CSharp.Literal(CSharp.XsdName(member.Kind))}, text);");
                w.Close();
                break;
        }
    }

    private static void EmitItemRead(CodeWriter w, ModelMember member, string list, string itemName, string index)
    {
        switch (member.Kind)
        {
            case ValueKind.String:
                w.Line($"{list}.Add(context.ReadText(r, {itemName}));");
                break;
            case ValueKind.Code:
                w.Line($"{list}.Add(context.ReadCode(r, {itemName}));");
                break;
            case ValueKind.Complex:
                w.Line($"context.EnterItem({itemName}, {index});");
                w.Line($"{list}.Add(Read{member.ClassName}(r, context));");
                w.Line("context.Exit();");
                break;
            default:
                w.Line($"var itemText = context.ReadText(r, {itemName});");
                w.Line($"if ({CSharp.Parser(member.Kind)}(itemText, out var itemValue))");
                w.Line($"    {list}.Add(itemValue);");
                w.Line("else");
                w.Line($"    context.BadValue({itemName}, {CSharp.Literal(CSharp.XsdName(member.Kind))}, itemText);");
                break;
        }
    }
}
