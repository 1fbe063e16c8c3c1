using System.Globalization;
using System.Text;
using AlmaIntegrationKit.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AlmaIntegrationKit.Generators.Tests.Constructs;

/// <summary>
/// One tiny schema per XSD construct (in a folder of its own beside this file), and what the generator makes of it:
/// the diagnostics, the model classes and the writer, kept in the folder's <c>expected.cs.txt</c> and reviewed like
/// code. Beside the golden run on the real schema, a change to how one construct is generated shows here in a few
/// lines. After an intended change, run the tests once with ALMA_UPDATE_GOLDEN=1 and review the diff.
/// </summary>
public class ConstructSnapshotTests
{
    private const string UpdateSwitch = "ALMA_UPDATE_GOLDEN";
    private const string ExpectedFileName = "expected.cs.txt";

    public static TheoryData<string> Constructs() =>
    [
        "wrapped-list", "code-table-with-desc", "choice", "simple-content-with-attributes", "duplicate-identical-type", "include", "rarely-used",
    ];

    [Theory]
    [MemberData(nameof(Constructs))]
    public void The_generated_code_compiles_and_matches_the_constructs_snapshot(string construct)
    {
        var directory = Path.Combine(RepositoryPaths.TestProjectDirectory, "Constructs", construct);
        var files = Directory.GetFiles(directory, "*.xsd").Order(StringComparer.Ordinal)
            .Select(path => new InMemoryAdditionalText(GeneratorHarness.SchemaPath(Path.GetFileName(path)), File.ReadAllText(path)))
            .Append(GeneratorHarness.TestMapping());

        var (_, result, output) = GeneratorHarness.Run(files);

        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, GeneratorHarness.Describe(errors));
        var snapshot = Snapshot(result);
        var expectedPath = Path.Combine(directory, ExpectedFileName);
        if (Environment.GetEnvironmentVariable(UpdateSwitch) == "1")
            File.WriteAllText(expectedPath, snapshot, new UTF8Encoding(false));
        Assert.True(File.Exists(expectedPath), $"No {ExpectedFileName} for {construct}. Run with {UpdateSwitch}=1 and review the new file.");
        Assert.Equal(File.ReadAllText(expectedPath).Replace("\r\n", "\n"), snapshot);
    }

    /// <summary>
    /// The diagnostics, each model class, and the writer's methods for them. Not the writer's document plumbing, the
    /// reader, validator and schema glue: the same for every construct, and covered by the golden run.
    /// </summary>
    private static string Snapshot(GeneratorRunResult result)
    {
        var text = new StringBuilder();
        foreach (var diagnostic in result.Diagnostics.OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            var span = diagnostic.Location.GetLineSpan();
            var place = span.Path.Length == 0 ? "" : $" {Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
            text.Append($"// {diagnostic.Id} {diagnostic.DefaultSeverity}{place}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}\n");
        }

        foreach (var model in result.GeneratedSources.Where(s => s.HintName.Contains(".Model.", StringComparison.Ordinal)).OrderBy(s => s.HintName, StringComparer.Ordinal))
            text.Append($"\n// ===== {model.HintName} =====\n").Append(WithoutHeader(model.SourceText.ToString()));

        var writer = result.GeneratedSources.Single(s => s.HintName.EndsWith(".AlmaUsersWriter.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        var methods = writer.LastIndexOf('\n', writer.IndexOf("    private static bool Write", StringComparison.Ordinal)) + 1;
        return text.Append("\n// ===== the Write methods of AlmaUsersWriter =====\n").Append(writer[methods..]).ToString();
    }

    /// <summary>The source after its auto-generated header and namespace line, the same in every file.</summary>
    private static string WithoutHeader(string source) =>
        source[(source.IndexOf(";\n", source.IndexOf("\nnamespace ", StringComparison.Ordinal), StringComparison.Ordinal) + 2)..];
}
