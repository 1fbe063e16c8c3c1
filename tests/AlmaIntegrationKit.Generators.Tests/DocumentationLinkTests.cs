using System.Text.RegularExpressions;
using System.Xml.Linq;
using AlmaIntegrationKit.Generators.Tests.Infrastructure;

namespace AlmaIntegrationKit.Generators.Tests;

/// <summary>
/// Every page under docs/ that the generator names (in its sources, its build props and targets, its release notes,
/// its diagnostics' help links and the code it generates) exists, with the section a link points at.
/// </summary>
public partial class DocumentationLinkTests
{
    [GeneratedRegex(@"(?<![\w/])docs/(?<page>[\w.-]+\.md)(?:#(?<anchor>[\w-]+))?")]
    private static partial Regex DocsLink();

    [GeneratedRegex(@"https://github\.com/[\w.-]+/[\w.-]+/blob/main/docs/(?<page>[\w.-]+\.md)(?:#(?<anchor>[\w-]+))?")]
    private static partial Regex RepositoryDocsLink();

    public static TheoryData<string> ShippedFiles()
    {
        var generator = Path.Combine(RepositoryPaths.Root, "src", "AlmaIntegrationKit.Generators");
        var files = Directory.EnumerateFiles(generator, "*", SearchOption.AllDirectories)
            .Where(path => Path.GetExtension(path) is ".cs" or ".props" or ".targets" or ".md" or ".csproj")
            .Select(path => Path.GetRelativePath(RepositoryPaths.Root, path).Replace('\\', '/'))
            .Where(path => !path.Contains("/bin/", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal))
            .Append("src/AlmaIntegrationKit/Contracts/AlmaRarelyUsedAttribute.cs")
            .Order(StringComparer.Ordinal);
        return [.. files];
    }

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void Every_docs_page_a_generator_file_names_exists(string file)
    {
        AssertLinksResolve(file, File.ReadAllText(Path.Combine(RepositoryPaths.Root, file)));
    }

    [Fact]
    public void Every_docs_page_the_generated_code_names_exists()
    {
        var files = GeneratorHarness.RealSchema();
        files.Add(GeneratorHarness.TestMapping());
        foreach (var source in GeneratorHarness.Run(files).Result.GeneratedSources)
            AssertLinksResolve(source.HintName, source.SourceText.ToString());
    }

    [Fact]
    public void Help_links_point_at_the_docs_of_the_repository_the_packages_name()
    {
        var repository = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props")).Descendants("RepositoryUrl").Single().Value;

        foreach (var descriptor in Diagnostics.AlmaDiagnostics.All)
        {
            Assert.StartsWith(repository + "/blob/main/docs/", descriptor.HelpLinkUri);
            AssertLinksResolve(descriptor.Id, descriptor.HelpLinkUri);
        }
    }

    private static void AssertLinksResolve(string where, string text)
    {
        foreach (var match in DocsLink().Matches(text).Concat(RepositoryDocsLink().Matches(text)))
        {
            var page = Path.Combine(RepositoryPaths.Root, "docs", match.Groups["page"].Value);
            Assert.True(File.Exists(page), $"{where} names docs/{match.Groups["page"].Value}, which does not exist.");
            if (match.Groups["anchor"].Success)
            {
                var anchors = File.ReadLines(page).Where(line => line.StartsWith('#')).Select(Anchor).ToHashSet(StringComparer.Ordinal);
                Assert.True(anchors.Contains(match.Groups["anchor"].Value),
                    $"{where} links to docs/{match.Groups["page"].Value}#{match.Groups["anchor"].Value}, a section that page does not have.");
            }
        }
    }

    /// <summary>The anchor GitHub gives a Markdown heading: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static string Anchor(string heading) =>
        string.Concat(heading.TrimStart('#').Trim().ToLowerInvariant()
            .Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')
            .Select(c => c == ' ' ? '-' : c));
}
