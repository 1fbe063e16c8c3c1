using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AlmaIntegrationKit.Generators.Tests.Infrastructure;

/// <summary>Runs <see cref="AlmaGenerator"/> the way the compiler does, on in-memory files, and compiles what it makes.</summary>
internal static class GeneratorHarness
{
    public const string ProjectDirectory = "/college/FoothillCollege.AlmaSis";

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return platform
            .Where(path => Path.GetFileName(path).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(AlmaCode).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    });

    /// <summary>The real schema files, as published, under <c>Schema/</c> of a college project.</summary>
    public static List<InMemoryAdditionalText> RealSchema() =>
        RepositoryPaths.SchemaFiles
            .Select(name => new InMemoryAdditionalText(SchemaPath(name), File.ReadAllText(Path.Combine(RepositoryPaths.SchemaDirectory, name))))
            .ToList();

    public static string SchemaPath(string fileName) => $"{ProjectDirectory}/Schema/{fileName}";

    public static string MappingPath => $"{ProjectDirectory}/alma-user-groups.csv";

    public static InMemoryAdditionalText Mapping(string text) => new(MappingPath, text);

    public static InMemoryAdditionalText TestMapping() => Mapping(File.ReadAllText(RepositoryPaths.TestMappingFile));

    public static CSharpCompilation Compilation(params string[] sources) => CSharpCompilation.Create(
        "FoothillCollege.AlmaSis",
        sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, CSharpParseOptions, path: $"Source{i}.cs")),
        References.Value,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
            .WithGeneralDiagnosticOption(ReportDiagnostic.Error)
            // As the .NET SDK does in every project (NoWarn 1701;1702): the runtime, built for net8.0, names net8.0's
            // System.Memory (IBufferWriter), which unifies with the newer one the test runs on.
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));

    /// <summary>A college's own code; documented, so that missing XML comments in the generated code would fail the build.</summary>
    public const string CollegeSource = "namespace FoothillCollege.AlmaSis; /// <summary>The college's program.</summary>\npublic static class Program { }";

    public static CSharpParseOptions CSharpParseOptions { get; } = new(LanguageVersion.CSharp12, DocumentationMode.Diagnose);

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files, Dictionary<string, string>? properties = null) =>
        CSharpGeneratorDriver.Create(
            [new AlmaGenerator().AsSourceGenerator()],
            files,
            CSharpParseOptions,
            new TestOptionsProvider(properties ?? new Dictionary<string, string> { ["build_property.RootNamespace"] = "FoothillCollege.AlmaSis" }),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static (GeneratorDriver Driver, GeneratorRunResult Result, Compilation Output) Run(IEnumerable<AdditionalText> files, Dictionary<string, string>? properties = null)
    {
        var compilation = Compilation(CollegeSource);
        var driver = CreateDriver(files, properties).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (driver, driver.GetRunResult().Results.Single(), output);
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));

    private sealed class TestOptionsProvider(Dictionary<string, string> properties) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(properties);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options([]);

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
                values.TryGetValue(key, out value);
        }
    }
}
