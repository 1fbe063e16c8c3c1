using System;
using System.Collections.Generic;
using System.Linq;
using AlmaIntegrationKit.Generators.Schema;

namespace AlmaIntegrationKit.Generators.Emit;

/// <summary>
/// The streaming <c>&lt;users&gt;</c> reader: one record at a time, in any order for <c>xs:all</c>, with every problem
/// inside a record reported on that record with its path. Its code is generic over an <c>IAlmaXmlCursor</c> struct, so
/// the JIT compiles it twice from one source: over the UTF-8 <c>AlmaXmlReader</c> (values read straight from the bytes)
/// and over <c>XmlReader</c> (documents in other encodings). Elements and attributes are dispatched on the number of
/// their name in the reader's vocabulary, not on strings.
/// </summary>
internal static class ReaderEmitter
{
    private const string Cursor = "global::AlmaIntegrationKit.Xml.IAlmaXmlCursor";
    private const string Context = "global::AlmaIntegrationKit.Xml.AlmaReadContext";
    private const string CursorConstraint = "    where TCursor : struct, " + Cursor;
    private const string NamesClass = "Names";

    public static string Emit(SchemaModel model, string generatedNamespace)
    {
        var w = new CodeWriter();
        w.Header(generatedNamespace);
        var user = model.RecordClassName;
        var record = $"global::AlmaIntegrationKit.AlmaUserRecord<{user}>";
        var names = NameConstants(model);
        w.Line($"/// <summary>Reads Alma SIS files (<c>&lt;{model.RootElement}&gt;</c> documents), made by this kit or by any other tool.</summary>");
        w.Line(CSharp.GeneratedCodeAttribute);
        w.Open("public static class AlmaUsersReader");
        w.Line("private static readonly global::AlmaIntegrationKit.Xml.AlmaXmlVocabulary Vocabulary = new(");
        w.Indent();
        var ordered = names.OrderBy(n => n.Value.Id).ToList();
        for (var i = 0; i < ordered.Count; i++)
            w.Line(CSharp.Literal(ordered[i].Key) + (i + 1 < ordered.Count ? "," : ");"));
        w.Outdent();
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// The <c>{model.RecordElement}</c> records of <paramref name=\"input\"/>, one at a time. DTDs are refused; a document that is");
        w.Line("/// not well-formed throws <see cref=\"global::System.Xml.XmlException\"/> with its line.");
        w.Line("/// </summary>");
        w.Open($"public static global::System.Collections.Generic.IEnumerable<{record}> Read(global::System.IO.Stream input)");
        w.Line("using var reader = global::AlmaIntegrationKit.Xml.AlmaReadContext.CreateReader(input, closeInput: false);");
        w.Line("var records = reader is global::AlmaIntegrationKit.Xml.AlmaXmlReader utf8");
        w.Line("    ? ReadRecords(new global::AlmaIntegrationKit.Xml.AlmaXmlCursor(utf8, Vocabulary))");
        w.Line("    : ReadRecords(new global::AlmaIntegrationKit.Xml.XmlReaderCursor(reader, Vocabulary));");
        w.Line("foreach (var record in records)");
        w.Line("    yield return record;");
        w.Close();
        w.Line();
        w.Line($"private static global::System.Collections.Generic.IEnumerable<{record}> ReadRecords<TCursor>(TCursor r)");
        w.Open(CursorConstraint);
        w.Line($"var context = new {Context}();");
        w.Line("var lineInfo = (global::System.Xml.IXmlLineInfo)r.Reader;");
        w.Line($"if (r.MoveToContent() != global::System.Xml.XmlNodeType.Element || r.NameId != {names[model.RootElement].Constant})");
        w.Line($"    throw new global::System.Xml.XmlException(\"The document element must be <{model.RootElement}>, not <\" + r.Reader.Name + \">.\", null, lineInfo.LineNumber, lineInfo.LinePosition);");
        w.Line("if (r.IsEmptyElement)");
        w.Line("    yield break;");
        w.Line("r.Read();");
        w.Line("while (r.MoveToContent() == global::System.Xml.XmlNodeType.Element)");
        w.Open(string.Empty);
        w.Line($"if (r.NameId != {names[model.RecordElement].Constant})");
        w.Line($"    throw new global::System.Xml.XmlException(\"Only <{model.RecordElement}> elements may stand in <{model.RootElement}>, not <\" + r.Reader.Name + \">.\", null, lineInfo.LineNumber, lineInfo.LinePosition);");
        w.Line("var line = lineInfo.LineNumber;");
        w.Line($"var user = Read{user}(r, context);");
        w.Line($"yield return new {record}(user, line, context.TakeIssues());");
        w.Close();
        w.Close();

        foreach (var type in model.Classes)
            EmitClassReader(w, type, names);

        w.Line();
        w.Line("/// <summary>The numbers of the names in <see cref=\"Vocabulary\"/>.</summary>");
        w.Open("private static class " + NamesClass);
        foreach (var name in ordered)
            w.Line($"public const int {name.Value.Identifier} = {CSharp.Int(name.Value.Id)}; // {name.Key}");
        w.Close();
        w.Close();
        return w.ToString();
    }

    /// <summary>Every element and attribute name the reader dispatches on, numbered in ordinal order, with the name of its constant.</summary>
    private static Dictionary<string, VocabularyName> NameConstants(SchemaModel model)
    {
        var xmlNames = new SortedSet<string>(StringComparer.Ordinal) { model.RootElement, model.RecordElement };
        foreach (var type in model.Classes)
        {
            foreach (var member in type.Members)
            {
                xmlNames.Add(member.XmlName);
                if (member.ItemXmlName is not null)
                    xmlNames.Add(member.ItemXmlName);
            }

            foreach (var skipped in type.SkippedElementNames)
                xmlNames.Add(skipped);
        }

        var result = new Dictionary<string, VocabularyName>(StringComparer.Ordinal);
        var identifiers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var xmlName in xmlNames)
        {
            // A constant may not share the name of its class (an element called "names"), nor of another constant.
            var identifier = Naming.Pascal(xmlName);
            if (identifier == NamesClass || identifiers.Contains(identifier))
                identifier += "_" + CSharp.Int(result.Count);
            identifiers.Add(identifier);

            result.Add(xmlName, new VocabularyName(result.Count, identifier));
        }

        return result;
    }

    private static void EmitClassReader(CodeWriter w, ModelClass type, Dictionary<string, VocabularyName> names)
    {
        w.Line();
        if (type.RarelyUsed)
            w.Line(CSharp.RarelyUsedAttribute);
        w.Line($"private static {type.ClassName} Read{type.ClassName}<TCursor>(TCursor r, {Context} context)");
        w.Open(CursorConstraint);
        w.Line($"var v = new {type.ClassName}();");
        EmitAttributes(w, type, names);
        if (type.TextKind is { } textKind)
        {
            w.Line("var text = r.ReadText(context, string.Empty);");
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
        w.Line("context.UnexpectedText(r.Reader);");
        w.Line("continue;");
        w.Close();
        w.Line();
        w.Line("switch (r.NameId)");
        w.Open(string.Empty);
        for (var index = 0; index < elements.Count; index++)
        {
            var member = elements[index];
            w.Line($"case {names[member.XmlName].Constant}:");
            w.Indent();
            if (!(member.IsList && member.ItemXmlName is null))
            {
                if (type.IsSequence)
                {
                    w.Line($"if (last > {CSharp.Int(index)})");
                    w.Line("    context.OutOfOrder(r.Reader);");
                    w.Line($"last = {CSharp.Int(index)};");
                }
                else if (index < 64)
                {
                    var bit = "(1UL << " + CSharp.Int(index) + ")";
                    w.Line($"if ((seen & {bit}) != 0)");
                    w.Line("    context.Repeated(r.Reader);");
                    w.Line($"seen |= {bit};");
                }
            }

            EmitElementRead(w, member, names);
            w.Line("break;");
            w.Outdent();
        }

        foreach (var skipped in type.SkippedElementNames)
        {
            w.Line($"case {names[skipped].Constant}:");
            w.Line("    r.Reader.Skip();");
            w.Line("    break;");
        }

        w.Line("default:");
        if (type.SkipsAnyElement)
        {
            w.Line("    if (r.Reader.NamespaceURI.Length != 0)");
            w.Line("        context.UnexpectedElement(r.Reader);");
            w.Line("    else");
            w.Line("        r.Reader.Skip();");
        }
        else
        {
            w.Line("    context.UnexpectedElement(r.Reader);");
        }

        w.Line("    break;");
        w.Close();
        w.Close();
        w.Line();
        w.Line("r.Read();");
        w.Line("return v;");
        w.Close();
    }

    private static void EmitAttributes(CodeWriter w, ModelClass type, Dictionary<string, VocabularyName> names)
    {
        var attributes = type.Members.Where(m => m.IsAttribute).ToList();
        w.Line("while (r.MoveToNextAttribute())");
        w.Open(string.Empty);
        w.Line("switch (r.NameId)");
        w.Open(string.Empty);
        foreach (var attribute in attributes)
        {
            w.Line($"case {names[attribute.XmlName].Constant}:");
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
        w.Line("    if (r.Reader.NamespaceURI.Length == 0)");
        w.Line("        context.UnexpectedAttribute(r.Reader);");
        w.Line("    break;");
        w.Close();
        w.Close();
        w.Line();
        w.Line("r.MoveToElement();");
    }

    private static void EmitElementRead(CodeWriter w, ModelMember member, Dictionary<string, VocabularyName> names)
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
            w.Line("    context.UnexpectedText(r.Reader);");
            w.Line($"else if (r.NameId != {names[member.ItemXmlName].Constant})");
            w.Line("    context.UnexpectedElement(r.Reader);");
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
                w.Line($"v.{member.PropertyName} = r.ReadText(context, {name});");
                break;
            case ValueKind.Code:
                w.Line($"v.{member.PropertyName} = r.ReadCode(context, {name});");
                break;
            case ValueKind.Date:
                w.Line($"if (r.TryReadDate(context, {name}, out var {CSharp.Local(member)}))");
                w.Line($"    v.{member.PropertyName} = {CSharp.Local(member)};");
                break;
            case ValueKind.Complex:
                w.Line($"context.Enter({name});");
                w.Line($"v.{member.PropertyName} = Read{member.ClassName}(r, context);");
                w.Line("context.Exit();");
                break;
            default:
                w.Open(string.Empty);
                w.Line($"var text = r.ReadText(context, {name});");
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
                w.Line($"{list}.Add(r.ReadText(context, {itemName}));");
                break;
            case ValueKind.Code:
                w.Line($"{list}.Add(r.ReadCode(context, {itemName}));");
                break;
            case ValueKind.Date:
                w.Line($"if (r.TryReadDate(context, {itemName}, out var itemValue))");
                w.Line($"    {list}.Add(itemValue);");
                break;
            case ValueKind.Complex:
                w.Line($"context.EnterItem({itemName}, {index});");
                w.Line($"{list}.Add(Read{member.ClassName}(r, context));");
                w.Line("context.Exit();");
                break;
            default:
                w.Line($"var itemText = r.ReadText(context, {itemName});");
                w.Line($"if ({CSharp.Parser(member.Kind)}(itemText, out var itemValue))");
                w.Line($"    {list}.Add(itemValue);");
                w.Line("else");
                w.Line($"    context.BadValue({itemName}, {CSharp.Literal(CSharp.XsdName(member.Kind))}, itemText);");
                break;
        }
    }

    /// <summary>A name's number in the vocabulary and the constant that holds it in the generated class <c>Names</c>.</summary>
    private sealed record VocabularyName(int Id, string Identifier)
    {
        public string Constant => NamesClass + "." + Identifier;
    }
}
