using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AlmaIntegrationKit.Generators.Diagnostics;

/// <summary>Every diagnostic of the generator. Each ID has a section in docs/diagnostics.md.</summary>
internal static class AlmaDiagnostics
{
    private const string SchemaCategory = "AlmaSchema";
    private const string MappingCategory = "AlmaMapping";
    private const string GeneratorCategory = "AlmaGenerator";
    private const string HelpBase = "https://github.com/AlmaIntegrationKit/AlmaIntegrationKit/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor SchemaMalformed = new(
        id: "ALMA001",
        title: "Schema file is not well-formed XML",
        messageFormat: "'{0}' is not well-formed XML: {1}",
        category: SchemaCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "alma001");

    public static readonly DiagnosticDescriptor SchemaDtdRefused = new(
        id: "ALMA002",
        title: "DTD or external entity refused",
        messageFormat: "'{0}' has a document type declaration (<!DOCTYPE>); DTDs and external entities are refused and never resolved: remove it",
        category: SchemaCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "alma002");

    public static readonly DiagnosticDescriptor IncludeNotFound = new(
        id: "ALMA003",
        title: "Included schema file not found",
        messageFormat: "'{0}' includes '{1}', which is not among the project's additional files{2}",
        category: SchemaCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "alma003");

    public static readonly DiagnosticDescriptor DuplicateIdenticalDefinition = new(
        id: "ALMA004",
        title: "Identical duplicate definition accepted",
        messageFormat: "{0} '{1}' is declared again, identically, here (first at {2}); the copy is ignored",
        category: SchemaCategory,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "alma004");

    public static readonly DiagnosticDescriptor ConflictingDefinition = new(
        id: "ALMA005",
        title: "Two different definitions under one name",
        messageFormat: "{0} '{1}' is declared here and at {2}, and the two differ; keep one of them",
        category: SchemaCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "alma005");

    public static readonly DiagnosticDescriptor UnsupportedConstruct = new(
        id: "ALMA006",
        title: "Schema construct not supported, safe fallback used",
        messageFormat: "{0} is not supported by the generator: {1}",
        category: SchemaCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "alma006");

    public static readonly DiagnosticDescriptor UndeclaredType = new(
        id: "ALMA007",
        title: "Reference to an undeclared type",
        messageFormat: "Type '{0}' is not declared in the schema set{1}",
        category: SchemaCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "alma007");

    public static readonly DiagnosticDescriptor NoUsersElement = new(
        id: "ALMA008",
        title: "No schema file declares the 'users' element",
        messageFormat: "None of the schema files ({0}) declares the global element 'users', the root of an Alma SIS file; nothing is generated from the schema. Add rest_users.xsd as published by Ex Libris.",
        category: SchemaCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "alma008");

    public static readonly DiagnosticDescriptor UnexpectedSchemaShape = new(
        id: "ALMA009",
        title: "Schema shape the generator cannot use",
        messageFormat: "{0}",
        category: SchemaCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "alma009");

    public static readonly DiagnosticDescriptor MappingMissingColumn = new(
        id: "ALMA010",
        title: "Mapping file is missing a column",
        messageFormat: "The mapping file has no '{0}' column{1}",
        category: MappingCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "alma010");

    public static readonly DiagnosticDescriptor MappingEmptyCode = new(
        id: "ALMA011",
        title: "Empty code in the mapping file",
        messageFormat: "'{0}' is empty; every row needs an SIS code and an Alma code",
        category: MappingCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "alma011");

    public static readonly DiagnosticDescriptor MappingDuplicateSisCode = new(
        id: "ALMA012",
        title: "Duplicate SIS code in the mapping file",
        messageFormat: "SIS code '{0}' is already mapped on line {1}; each SIS patron type maps to one Alma user group",
        category: MappingCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "alma012");

    public static readonly DiagnosticDescriptor MappingBadWeight = new(
        id: "ALMA013",
        title: "Weight is not a whole number",
        messageFormat: "weight '{0}' is not a whole number",
        category: MappingCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "alma013");

    public static readonly DiagnosticDescriptor MappingBadDuration = new(
        id: "ALMA014",
        title: "Not an ISO 8601 date duration",
        messageFormat: "{0} '{1}' is not an ISO 8601 date duration such as P30D, P6M or P2Y{2}",
        category: MappingCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "alma014");

    public static readonly DiagnosticDescriptor MappingMalformedRow = new(
        id: "ALMA015",
        title: "Mapping file row cannot be read",
        messageFormat: "{0}",
        category: MappingCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "alma015");

    public static readonly DiagnosticDescriptor MappingUnknownColumn = new(
        id: "ALMA016",
        title: "Unknown column in the mapping file",
        messageFormat: "Column '{0}' is not a mapping column and is ignored{1}",
        category: MappingCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "alma016");

    public static readonly DiagnosticDescriptor MappingInconsistentLabel = new(
        id: "ALMA017",
        title: "One Alma code with several labels",
        messageFormat: "Alma code '{0}' is labelled '{1}' here but '{2}' on line {3}; Alma keeps one label per code, so every row of '{0}' sends '{2}' (the first row's label)",
        category: MappingCategory,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "alma017");

    public static readonly DiagnosticDescriptor MappingFileMissing = new(
        id: "ALMA018",
        title: "No user-group mapping file",
        messageFormat: "No alma-user-groups.csv among the additional files: user groups are not checked and no group constants are generated",
        category: MappingCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "alma018");

    public static readonly DiagnosticDescriptor InvalidOption = new(
        id: "ALMA019",
        title: "Invalid generator option",
        messageFormat: "MSBuild property {0} is '{1}', which is not one of {2}; '{3}' is used",
        category: GeneratorCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "alma019");

    public static readonly DiagnosticDescriptor UserContractMissing = new(
        id: "ALMA020",
        title: "The 'user' type cannot serve the export pipeline",
        messageFormat: "The schema's user type has no {0}, so it cannot implement IAlmaUser and no AlmaUserSchema is generated for the export pipeline",
        category: SchemaCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "alma020");

    public static readonly DiagnosticDescriptor MultipleMappingFiles = new(
        id: "ALMA021",
        title: "More than one mapping file",
        messageFormat: "More than one alma-user-groups.csv among the additional files: '{0}' is used and this one is not; keep one",
        category: MappingCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "alma021");

    public static readonly DiagnosticDescriptor MultipleRootSchemas = new(
        id: "ALMA022",
        title: "More than one schema declares 'users'",
        messageFormat: "'{0}' declares the element 'users' too; '{1}' is used",
        category: SchemaCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "alma022");

    public static readonly DiagnosticDescriptor InternalError = new(
        id: "ALMA999",
        title: "Internal generator error",
        messageFormat: "AlmaIntegrationKit's generator failed while {0}: {1}. This is a bug in the generator; please report it with your schema and mapping files.",
        category: GeneratorCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "alma999");

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = new[]
    {
        SchemaMalformed, SchemaDtdRefused, IncludeNotFound, DuplicateIdenticalDefinition, ConflictingDefinition,
        UnsupportedConstruct, UndeclaredType, NoUsersElement, UnexpectedSchemaShape, MappingMissingColumn,
        MappingEmptyCode, MappingDuplicateSisCode, MappingBadWeight, MappingBadDuration, MappingMalformedRow,
        MappingUnknownColumn, MappingInconsistentLabel, MappingFileMissing, InvalidOption, UserContractMissing,
        MultipleMappingFiles, MultipleRootSchemas, InternalError,
    };

    private static readonly Dictionary<string, DiagnosticDescriptor> ByIdMap = All.ToDictionary(d => d.Id);

    public static DiagnosticDescriptor ById(string id) => ByIdMap[id];
}
