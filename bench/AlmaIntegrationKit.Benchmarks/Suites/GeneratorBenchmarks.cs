using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using AlmaIntegrationKit.Benchmarks.Baseline;
using AlmaIntegrationKit.Generators;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AlmaIntegrationKit.Benchmarks.Suites;

/// <summary>
/// <see cref="AlmaGenerator"/> from nothing on the real schema set (the three Ex Libris XSDs) plus a 200-row
/// alma-user-groups.csv: a fresh generator and a fresh <see cref="CSharpGeneratorDriver"/> on every invocation, so no
/// incremental cache helps; the driver's parse of the generated sources is included. Target: under 150 ms.
/// Two jobs: "FreshDriver" is the steady state (JIT warm: a build in a warm compiler server); "ColdProcess" measures
/// the very first run in a new process (one invocation per launch: JIT of the generator and of the driver included).
/// </summary>
[MemoryDiagnoser]
[MinColumn, MaxColumn, MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10, id: "FreshDriver")]
[SimpleJob(RunStrategy.ColdStart, launchCount: 5, warmupCount: 0, iterationCount: 1, id: "ColdProcess")]
public class GeneratorBenchmarks
{
    public const int MappingRows = 200;

    private ImmutableArray<AdditionalText> _texts;
    private CSharpCompilation _compilation = null!;
    private CSharpParseOptions _parseOptions = null!;
    private AnalyzerConfigOptionsProvider _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        var texts = Directory.GetFiles(AlmaSchemaSet.SchemaDirectory, "rest_*.xsd")
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (AdditionalText)new InMemoryText(path, File.ReadAllText(path, Encoding.UTF8)))
            .ToList();
        if (texts.Count != 3)
            throw new InvalidOperationException($"Expected the three Ex Libris schema files in {AlmaSchemaSet.SchemaDirectory}, found {texts.Count}.");
        texts.Add(new InMemoryText(Path.Combine(Path.GetTempPath(), "college", "alma-user-groups.csv"), MappingFile(MappingRows)));
        _texts = [.. texts];

        _parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        _compilation = CSharpCompilation.Create(
            "College",
            [CSharpSyntaxTree.ParseText("namespace College; public static class Placeholder { }", _parseOptions)],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        _options = new OptionsProvider(new Dictionary<string, string>
        {
            ["build_property.RootNamespace"] = "College",
            ["build_property.AlmaGeneratedNamespace"] = "College.Alma",
        });
    }

    [Benchmark(Description = "AlmaGenerator, fresh driver: 3 XSDs + 200-row mapping")]
    public int RunGenerator()
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new AlmaGenerator().AsSourceGenerator()], _texts, _parseOptions, _options);
        driver = driver.RunGenerators(_compilation);
        var result = driver.GetRunResult().Results[0];

        // Working code only: no exception, no error, the full set of sources.
        if (result.Exception is not null)
            throw new InvalidOperationException("The generator threw.", result.Exception);
        if (result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            throw new InvalidOperationException("The generator reported errors: " + string.Join("; ", result.Diagnostics));
        if (result.GeneratedSources.Length < 10 || !result.GeneratedSources.Any(s => s.HintName == "Alma.AlmaUsersWriter.g.cs"))
            throw new InvalidOperationException($"The generator produced only {result.GeneratedSources.Length} sources.");
        return result.GeneratedSources.Length;
    }

    /// <summary>A college's mapping file: <paramref name="rows"/> SIS patron types onto 40 Alma user groups.</summary>
    public static string MappingFile(int rows)
    {
        var csv = new StringBuilder("sis_code,alma_code,alma_desc,weight,expiry,purge,campus\n");
        for (var i = 0; i < rows; i++)
        {
            var group = i % 40;
            csv.Append(CultureInfo.InvariantCulture, $"PT{i:000},GROUP_{group:00},\"Group {group:00}, Borrowers\",{10 + group},")
                .Append(i % 3 == 0 ? "P30D" : i % 3 == 1 ? "P90D" : "P1Y")
                .Append(i % 2 == 0 ? ",P2Y," : ",P1Y6M,")
                .Append(i % 4 == 0 ? string.Empty : i % 4 == 1 ? "MAIN" : "EAST")
                .Append('\n');
        }

        return csv.ToString();
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class OptionsProvider(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global = new(values);
        private static readonly Options Empty = new([]);

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
