using System.Text;
using AlmaIntegrationKit.Generators.Tests.Infrastructure;

namespace AlmaIntegrationKit.Generators.Tests;

/// <summary>
/// The generated source for the real schema and the test mapping, kept under Golden/ and reviewed like code.
/// After an intended change, run the tests once with ALMA_UPDATE_GOLDEN=1: the files are rewritten and files
/// the generator no longer makes are deleted.
/// </summary>
public class GoldenFileTests
{
    private const string UpdateSwitch = "ALMA_UPDATE_GOLDEN";

    [Fact]
    public void Generated_source_matches_the_golden_files()
    {
        var files = GeneratorHarness.RealSchema();
        files.Add(GeneratorHarness.TestMapping());
        var generated = GeneratorHarness.Run(files).Result.GeneratedSources
            .ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        var directory = RepositoryPaths.GoldenDirectory;

        if (Environment.GetEnvironmentVariable(UpdateSwitch) == "1")
        {
            Directory.CreateDirectory(directory);
            foreach (var stale in Directory.GetFiles(directory, "*.cs").Where(path => !generated.ContainsKey(Path.GetFileName(path))))
                File.Delete(stale);
            foreach (var (name, text) in generated)
                File.WriteAllText(Path.Combine(directory, name), text, new UTF8Encoding(false));
        }

        var golden = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.cs").Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal) : [];
        var stales = golden.Where(name => !generated.ContainsKey(name!)).ToList();
        Assert.True(stales.Count == 0, $"Golden files the generator no longer makes: {string.Join(", ", stales)}. Run with {UpdateSwitch}=1 to clean up.");
        foreach (var (name, text) in generated.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Assert.True(golden.Contains(name), $"No golden file for {name}. Run with {UpdateSwitch}=1 and review the new file.");
            var expected = File.ReadAllText(Path.Combine(directory, name)).Replace("\r\n", "\n");
            if (expected != text)
            {
                var line = FirstDifferentLine(expected, text);
                Assert.Fail($"{name} differs from its golden file from line {line.Number}:\n  golden:    {line.Expected}\n  generated: {line.Actual}\nRun with {UpdateSwitch}=1 if the change is intended, and review the diff.");
            }
        }
    }

    private static (int Number, string Expected, string Actual) FirstDifferentLine(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "<end of file>";
            var right = i < b.Length ? b[i] : "<end of file>";
            if (left != right)
                return (i + 1, left, right);
        }

        return (0, string.Empty, string.Empty);
    }
}
