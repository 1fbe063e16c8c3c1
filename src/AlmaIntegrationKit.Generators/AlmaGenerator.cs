using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AlmaIntegrationKit.Generators.Common;
using AlmaIntegrationKit.Generators.Diagnostics;
using AlmaIntegrationKit.Generators.Emit;
using AlmaIntegrationKit.Generators.GroupMap;
using AlmaIntegrationKit.Generators.Schema;
using Microsoft.CodeAnalysis;

namespace AlmaIntegrationKit.Generators;

/// <summary>
/// Generates, from the Ex Libris user schema (<c>rest_users.xsd</c> and its includes) and the college's
/// <c>alma-user-groups.csv</c>, both additional files: typed models, a streaming writer and reader of Alma SIS
/// files, validators and the user-group map. Reads only additional files; never the disk or the network.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class AlmaGenerator : IIncrementalGenerator
{
    /// <summary>The tracking names of the pipeline's steps, for incrementality tests.</summary>
    public static class Steps
    {
        public const string Options = "AlmaOptions";
        public const string SchemaFiles = "SchemaFiles";
        public const string SchemaSet = "SchemaSet";
        public const string SchemaModel = "SchemaModel";
        public const string SchemaDiagnostics = "SchemaDiagnostics";
        public const string HasSchema = "HasSchema";
        public const string MappingFiles = "MappingFiles";
        public const string MappingSet = "MappingSet";
        public const string GroupMap = "GroupMap";
        public const string MappingDiagnostics = "MappingDiagnostics";
        public const string SchemaEmitInput = "SchemaEmitInput";
        public const string GroupMapEmitInput = "GroupMapEmitInput";
        public const string Diagnostics = "Diagnostics";
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => GeneratorOptions.From(provider.GlobalOptions))
            .WithTrackingName(Steps.Options);

        var schemaFiles = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".xsd", StringComparison.OrdinalIgnoreCase))
            .Select(static (text, cancellationToken) => ParseSchemaFile(text, cancellationToken))
            .WithTrackingName(Steps.SchemaFiles);

        var schemaSet = schemaFiles.Collect()
            .Select(static (files, _) => ResolveSchema(files))
            .WithTrackingName(Steps.SchemaSet);

        var schemaModel = schemaSet.Select(static (set, _) => set.Model).WithTrackingName(Steps.SchemaModel);
        var schemaDiagnostics = schemaSet.Select(static (set, _) => set.Diagnostics).WithTrackingName(Steps.SchemaDiagnostics);
        var hasSchema = schemaModel.Select(static (model, _) => model is not null).WithTrackingName(Steps.HasSchema);

        var mappingFiles = context.AdditionalTextsProvider
            .Where(static text => MappingFileParser.IsMappingFile(text.Path))
            .Select(static (text, cancellationToken) => (text.Path, Parse: ParseMappingFile(text, cancellationToken)))
            .WithTrackingName(Steps.MappingFiles);

        var mappingSet = mappingFiles.Collect()
            .Select(static (files, _) => PickMappingFile(files))
            .WithTrackingName(Steps.MappingSet);

        var groupMap = mappingSet.Select(static (set, _) => set.Model).WithTrackingName(Steps.GroupMap);
        var mappingDiagnostics = mappingSet.Select(static (set, _) => set.Diagnostics).WithTrackingName(Steps.MappingDiagnostics);

        var schemaEmitInput = schemaModel.Combine(options).WithTrackingName(Steps.SchemaEmitInput);
        var groupMapEmitInput = groupMap.Combine(hasSchema).Combine(options).WithTrackingName(Steps.GroupMapEmitInput);

        var diagnostics = schemaDiagnostics
            .Combine(mappingDiagnostics)
            .Combine(options)
            .Combine(groupMap.Combine(hasSchema))
            .Select(static (all, _) => CollectDiagnostics(all.Left.Left.Left, all.Left.Left.Right, all.Left.Right, all.Right.Left, all.Right.Right))
            .WithTrackingName(Steps.Diagnostics);

        context.RegisterSourceOutput(schemaEmitInput, static (production, input) => EmitSchema(production, input.Left, input.Right));
        context.RegisterSourceOutput(groupMapEmitInput, static (production, input) => EmitGroupMap(production, input.Left.Left, input.Left.Right, input.Right));
        context.RegisterSourceOutput(diagnostics, static (production, all) =>
        {
            foreach (var diagnostic in all)
                production.ReportDiagnostic(diagnostic.ToDiagnostic());
        });
    }

    private static ParsedSchemaFile ParseSchemaFile(AdditionalText text, CancellationToken cancellationToken)
    {
        try
        {
            var source = text.GetText(cancellationToken);
            if (source is null)
                return Failed(text.Path, "the file could not be read");
            return XsdFileParser.Parse(text.Path, source) with { ContentSha256 = SchemaFingerprint.OfText(source) };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Failed(text.Path, Describe(exception));
        }

        static ParsedSchemaFile Failed(string path, string reason) => new(
            path, System.IO.Path.GetFileName(path), EquatableArray<XsdInclude>.Empty, EquatableArray<XsdElement>.Empty,
            EquatableArray<XsdComplexType>.Empty, EquatableArray<XsdSimpleType>.Empty, EquatableArray<XsdUnsupported>.Empty,
            EquatableArray<KeyedLocation>.Empty,
            new[] { DiagnosticInfo.Create(AlmaDiagnostics.InternalError, null, "reading " + System.IO.Path.GetFileName(path), reason) }.ToEquatableArray());
    }

    private static SchemaResolution ResolveSchema(ImmutableArray<ParsedSchemaFile> files)
    {
        try
        {
            return SchemaResolver.Resolve(files);
        }
        catch (Exception exception)
        {
            return new SchemaResolution(null, new[] { DiagnosticInfo.Create(AlmaDiagnostics.InternalError, null, "resolving the schema set", Describe(exception)) }.ToEquatableArray());
        }
    }

    private static GroupMapParse ParseMappingFile(AdditionalText text, CancellationToken cancellationToken)
    {
        try
        {
            var source = text.GetText(cancellationToken);
            return source is null
                ? new GroupMapParse(GroupMapModel.Missing, new[] { DiagnosticInfo.Create(AlmaDiagnostics.InternalError, null, "reading " + MappingFileParser.FileName, "the file could not be read") }.ToEquatableArray())
                : MappingFileParser.Parse(text.Path, source);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new GroupMapParse(GroupMapModel.Missing, new[] { DiagnosticInfo.Create(AlmaDiagnostics.InternalError, null, "reading " + MappingFileParser.FileName, Describe(exception)) }.ToEquatableArray());
        }
    }

    private static GroupMapParse PickMappingFile(ImmutableArray<(string Path, GroupMapParse Parse)> files)
    {
        if (files.IsEmpty)
            return new GroupMapParse(GroupMapModel.Missing, EquatableArray<DiagnosticInfo>.Empty);
        var ordered = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        var chosen = ordered[0];
        var diagnostics = chosen.Parse.Diagnostics.ToList();
        foreach (var other in ordered.Skip(1))
        {
            diagnostics.Add(DiagnosticInfo.Create(AlmaDiagnostics.MultipleMappingFiles,
                new LocationInfo(other.Path, 0, 0, 0, 0, 0, 0), chosen.Path));
        }

        return new GroupMapParse(chosen.Parse.Model, diagnostics.ToEquatableArray());
    }

    private static EquatableArray<DiagnosticInfo> CollectDiagnostics(
        EquatableArray<DiagnosticInfo> schema, EquatableArray<DiagnosticInfo> mapping, GeneratorOptions options, GroupMapModel map, bool hasSchema)
    {
        var all = schema.Concat(mapping).Concat(options.Diagnostics).ToList();
        if (hasSchema && !map.Present)
            all.Add(DiagnosticInfo.Create(AlmaDiagnostics.MappingFileMissing, null));
        return all.ToEquatableArray();
    }

    private static void EmitSchema(SourceProductionContext production, SchemaModel? model, GeneratorOptions options)
    {
        if (model is null)
            return;
        try
        {
            foreach (var type in model.Classes)
                production.AddSource($"Alma.Model.{type.ClassName}.g.cs", ModelEmitter.Emit(model, type, options.Namespace));
            production.AddSource("Alma.AlmaUsersWriter.g.cs", WriterEmitter.Emit(model, options.Namespace, options.UtcDateSuffix));
            production.AddSource("Alma.AlmaUsersReader.g.cs", ReaderEmitter.Emit(model, options.Namespace));
            production.AddSource("Alma.AlmaUserValidator.g.cs", ValidatorEmitter.Emit(model, options.Namespace));
            if (model.ImplementsUserContract)
                production.AddSource("Alma.AlmaUserSchema.g.cs", SchemaEmitter.Emit(model, options.Namespace));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            production.ReportDiagnostic(DiagnosticInfo.Create(AlmaDiagnostics.InternalError, null, "emitting the schema's code", Describe(exception)).ToDiagnostic());
        }
    }

    private static void EmitGroupMap(SourceProductionContext production, GroupMapModel map, bool hasSchema, GeneratorOptions options)
    {
        if (!map.Present && !hasSchema)
            return;
        try
        {
            production.AddSource("Alma.AlmaUserGroups.g.cs", GroupMapEmitter.Emit(map, options.Namespace));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            production.ReportDiagnostic(DiagnosticInfo.Create(AlmaDiagnostics.InternalError, null, "emitting the user-group map", Describe(exception)).ToDiagnostic());
        }
    }

    private static string Describe(Exception exception)
    {
        var frame = exception.StackTrace?.Split('\n').FirstOrDefault()?.Trim();
        return exception.GetType().Name + ": " + exception.Message + (frame is null ? string.Empty : " (" + frame + ")");
    }
}
