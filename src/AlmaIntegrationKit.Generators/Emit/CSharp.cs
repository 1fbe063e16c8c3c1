using System.Globalization;
using System.Text;
using AlmaIntegrationKit.Generators.Schema;

namespace AlmaIntegrationKit.Generators.Emit;

/// <summary>Small pieces of C# text shared by the emitters.</summary>
internal static class CSharp
{
    public const string GeneratedCodeAttribute = "[global::System.CodeDom.Compiler.GeneratedCode(\"AlmaIntegrationKit.Generators\", \"" + Version + "\")]";

    public const string Version = "0.1.0";

    /// <summary>Marks a class, or a method for one, that an SIS export rarely runs (<see cref="ModelClass.RarelyUsed"/>).</summary>
    public const string RarelyUsedAttribute = "[global::AlmaIntegrationKit.AlmaRarelyUsed]";

    /// <summary>A C# string literal.</summary>
    public static string Literal(string? value)
    {
        if (value is null)
            return "null";
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < ' ' || c > '~')
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else
                        builder.Append(c);
                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>A UTF-8 literal of markup, e.g. <c>"&lt;user&gt;"u8</c>.</summary>
    public static string Utf8(string markup) => Literal(markup) + "u8";

    /// <summary>The name of a local that holds a member's value: <c>PrimaryId</c> → <c>_primaryId</c>.</summary>
    public static string Local(ModelMember member) => "_" + char.ToLowerInvariant(member.PropertyName[0]) + member.PropertyName.Substring(1);

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Int(int? value) => value is null ? "null" : Int(value.Value);

    /// <summary>Writes <c>/// &lt;summary&gt;</c> from schema documentation.</summary>
    public static void Documentation(CodeWriter writer, string? documentation, string fallback)
    {
        writer.Line("/// <summary>");
        if (documentation is null)
        {
            writer.Line("/// " + fallback); // the generator's own text, already XML doc markup
        }
        else
        {
            foreach (var line in documentation.Split('\n'))
                writer.Line("/// " + EscapeXml(line));
        }

        writer.Line("/// </summary>");
    }

    public static string EscapeXml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>The C# type of one value of <paramref name="kind"/>, without nullability.</summary>
    public static string ValueType(ValueKind kind, string? className) => kind switch
    {
        ValueKind.String => "string",
        ValueKind.Code => "global::AlmaIntegrationKit.AlmaCode",
        ValueKind.Boolean => "bool",
        ValueKind.Int32 => "int",
        ValueKind.Int64 => "long",
        ValueKind.Single => "float",
        ValueKind.Double => "double",
        ValueKind.Decimal => "decimal",
        ValueKind.Date => "global::System.DateOnly",
        ValueKind.DateTime => "global::System.DateTimeOffset",
        _ => className!,
    };

    /// <summary>The XML Schema name of <paramref name="kind"/>, for messages.</summary>
    public static string XsdName(ValueKind kind) => kind switch
    {
        ValueKind.Boolean => "xs:boolean",
        ValueKind.Int32 => "xs:int",
        ValueKind.Int64 => "xs:long",
        ValueKind.Single => "xs:float",
        ValueKind.Double => "xs:double",
        ValueKind.Decimal => "xs:decimal",
        ValueKind.Date => "xs:date",
        ValueKind.DateTime => "xs:dateTime",
        _ => "xs:string",
    };

    /// <summary>The call that parses text of <paramref name="kind"/>: <c>Parser(text, out var value)</c>.</summary>
    public static string Parser(ValueKind kind) => kind switch
    {
        ValueKind.Boolean => "global::AlmaIntegrationKit.Xml.AlmaXmlValues.TryParseBoolean",
        ValueKind.Int32 => "global::AlmaIntegrationKit.Xml.AlmaXmlValues.TryParseInt32",
        ValueKind.Int64 => "global::AlmaIntegrationKit.Xml.AlmaXmlValues.TryParseInt64",
        ValueKind.Single => "global::AlmaIntegrationKit.Xml.AlmaXmlValues.TryParseSingle",
        ValueKind.Double => "global::AlmaIntegrationKit.Xml.AlmaXmlValues.TryParseDouble",
        ValueKind.Decimal => "global::AlmaIntegrationKit.Xml.AlmaXmlValues.TryParseDecimal",
        ValueKind.Date => "global::AlmaIntegrationKit.Xml.AlmaXmlValues.TryParseDate",
        ValueKind.DateTime => "global::AlmaIntegrationKit.Xml.AlmaXmlValues.TryParseDateTime",
        _ => throw new System.ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The emitter call that writes a simple value (not string or code) held in <paramref name="expression"/>.</summary>
    public static string EmitValue(ValueKind kind, string expression) => kind switch
    {
        ValueKind.Boolean => $"e.Boolean({expression});",
        ValueKind.Int32 => $"e.Int32({expression});",
        ValueKind.Int64 => $"e.Int64({expression});",
        ValueKind.Single => $"e.Single({expression});",
        ValueKind.Double => $"e.Text(global::System.Xml.XmlConvert.ToString({expression}));",
        ValueKind.Decimal => $"e.Text(global::System.Xml.XmlConvert.ToString({expression}));",
        ValueKind.Date => $"e.Date({expression}, AlmaUsersWriter.UtcDateSuffix);",
        ValueKind.DateTime => $"e.DateTime({expression});",
        _ => throw new System.ArgumentOutOfRangeException(nameof(kind)),
    };
}
