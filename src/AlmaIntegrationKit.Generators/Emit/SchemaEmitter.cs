using AlmaIntegrationKit.Generators.Schema;

namespace AlmaIntegrationKit.Generators.Emit;

/// <summary>The <c>AlmaUserSchema</c> that hands the generated writer, reader and validator to the runtime's export pipeline.</summary>
internal static class SchemaEmitter
{
    public static string Emit(SchemaModel model, string generatedNamespace)
    {
        var user = model.RecordClassName;
        var w = new CodeWriter();
        w.Header(generatedNamespace);
        w.Line($"/// <summary>The generated code for the Alma user schema ({string.Join(", ", model.SourceFiles)}), for the export pipeline.</summary>");
        w.Line(CSharp.GeneratedCodeAttribute);
        w.Open($"public sealed class AlmaUserSchema : global::AlmaIntegrationKit.IAlmaSchema<{user}>");
        w.Line("private AlmaUserSchema()");
        w.Line("{");
        w.Line("}");
        w.Line();
        w.Line("/// <summary>The one instance.</summary>");
        w.Line("public static AlmaUserSchema Instance { get; } = new();");
        w.Line();
        w.Line("/// <summary>The schema files the code was generated from.</summary>");
        w.Line($"public static global::System.Collections.Generic.IReadOnlyList<string> SourceFiles {{ get; }} = new[] {{ {string.Join(", ", System.Linq.Enumerable.Select(model.SourceFiles, CSharp.Literal))} }};");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"public string GeneratorVersion => {CSharp.Literal(CSharp.Version)};");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"public string SchemaFingerprint => {CSharp.Literal(model.Fingerprint)};");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"public string? SchemaPublication => {CSharp.Literal(model.Publication)};");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"public {user} CreateUser() => new();");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"public global::AlmaIntegrationKit.IAlmaUsersWriter<{user}> CreateWriter(global::System.IO.Stream output, bool leaveOpen = false) => new AlmaUsersWriter(output, leaveOpen);");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line("public global::System.ReadOnlySpan<byte> DocumentPrefix => AlmaUsersWriter.DocumentPrefix;");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line("public global::System.ReadOnlySpan<byte> DocumentSuffix => AlmaUsersWriter.DocumentSuffix;");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"public bool TryWriteRecord({user} user, global::System.Buffers.IBufferWriter<byte> output, global::System.Collections.Generic.ICollection<global::AlmaIntegrationKit.ValidationIssue> issues) => AlmaUsersWriter.TryWriteRecord(user, output, issues);");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"public global::System.Collections.Generic.IEnumerable<global::AlmaIntegrationKit.AlmaUserRecord<{user}>> ReadUsers(global::System.IO.Stream input) => AlmaUsersReader.Read(input);");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"public void Validate({user} user, global::System.Collections.Generic.ICollection<global::AlmaIntegrationKit.ValidationIssue> issues) => AlmaUserValidator.Validate(user, issues);");
        w.Close();
        return w.ToString();
    }
}
