using System.IO.Compression;
using System.Reflection.PortableExecutable;
using AlmaIntegrationKit.Templates.Tests.Infrastructure;

namespace AlmaIntegrationKit.Templates.Tests;

/// <summary>The template package itself, its help, project names, and two feeds in one solution.</summary>
[Collection(PackedTemplatesCollection.Name)]
public sealed class TemplatePackageTests(PackedTemplates packages)
{
    [Fact]
    public void Help_lists_every_option_with_its_values()
    {
        var help = packages.New(packages.ProjectsDirectory, "--help");

        Assert.True(help.ExitCode == 0, help.ToString());
        foreach (var option in new[] { "--college", "--institution-code", "--sis", "--source", "--login-id", "--upload", "--alma-env" })
            Assert.Contains(option, help.StandardOutput, StringComparison.Ordinal);
        foreach (var (_, values) in TemplateVariantTests.Choices)
        {
            foreach (var value in values)
                Assert.Contains(value, help.StandardOutput, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_generated_project_references_the_kit_at_the_version_packed_with_the_template()
    {
        using var package = ZipFile.OpenRead(packages.TemplatePackage);
        var entries = package.Entries.Select(e => e.FullName).ToList();
        using var reader = new StreamReader(package.GetEntry("content/alma-sis/Directory.Packages.props")!.Open());
        var packed = reader.ReadToEnd();
        var committed = File.ReadAllText(Path.Combine(RepositoryPaths.TemplateFolder, "Directory.Packages.props"));

        Assert.Contains($"<AlmaIntegrationKitVersion>{packages.Version}</AlmaIntegrationKitVersion>", packed, StringComparison.Ordinal);
        Assert.Contains($"<AlmaTemplateVersion>{packages.Version}</AlmaTemplateVersion>", packed, StringComparison.Ordinal);
        // Only the version differs from the committed file.
        Assert.Equal(
            System.Text.RegularExpressions.Regex.Replace(committed, "<(AlmaIntegrationKitVersion|AlmaTemplateVersion)>[^<]*<", $"<$1>{packages.Version}<").TrimEnd(),
            packed.TrimEnd());
        // The template folder is packed whole, schema files byte for byte; nothing built is in it.
        Assert.Contains("content/alma-sis/.template.config/template.json", entries);
        Assert.DoesNotContain(entries, e => e.Contains("/bin/", StringComparison.Ordinal) || e.Contains("/obj/", StringComparison.Ordinal) || e.StartsWith("lib/", StringComparison.Ordinal));
        foreach (var schema in new[] { "rest_users.xsd", "rest_user.xsd", "rest_researcher.xsd" })
        {
            using var stream = package.GetEntry("content/alma-sis/Schema/" + schema)!.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            Assert.Equal(File.ReadAllBytes(Path.Combine(RepositoryPaths.SchemaDirectory, schema)), buffer.ToArray());
        }
    }

    [Fact]
    public void The_top_level_template_json_is_the_template_engines_file()
    {
        var top = Path.Combine(RepositoryPaths.Root, "template.json");

        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.TemplateFolder, ".template.config", "template.json")), File.ReadAllText(top));
    }

    [Fact]
    public void A_name_with_dots_dashes_and_spaces_builds_tests_and_runs()
    {
        const string name = "De Anza-College.Alma Sis";
        var parent = packages.NewFolder("names");

        var created = packages.New(parent, "-n", name, "--college", "De Anza College");
        Assert.True(created.ExitCode == 0, created.ToString());

        var feed = new GeneratedFeed(packages, Path.Combine(parent, name), name);
        Assert.True(File.Exists(feed.ProjectFile), "missing " + feed.ProjectFile);
        Assert.True(File.Exists(feed.TestProjectFile), "missing " + feed.TestProjectFile);
        Assert.Contains("namespace De_Anza_College.Alma_Sis;", File.ReadAllText(Path.Combine(feed.Directory, "PatronMapper.cs")), StringComparison.Ordinal);
        Assert.Contains($"\"/opt/alma-sis/{name}.dll\"", File.ReadAllText(Path.Combine(feed.Directory, "schedule", "alma-sis.service")), StringComparison.Ordinal);

        feed.BuildAndTest();
        var (_, zips) = feed.DryRun(Path.Combine(parent, "dry-run"));
        Assert.Single(zips);
    }

    [Fact]
    public void Two_feeds_live_in_one_solution()
    {
        var solutionFolder = packages.NewFolder("district");
        DotNet.RunChecked(solutionFolder, packages.Environment, "new", "sln", "-n", "District", "--format", "sln");
        var feeds = new List<GeneratedFeed>();
        foreach (var (name, code) in new[] { ("Foothill.AlmaSis", "01FOOTHILL_INST"), ("DeAnza.AlmaSis", "01DEANZA_INST") })
        {
            var created = packages.New(solutionFolder, "-n", name, "-o", name, "--institution-code", code, "--source", "sqlite");
            Assert.True(created.ExitCode == 0, created.ToString());
            var feed = new GeneratedFeed(packages, Path.Combine(solutionFolder, name), name);
            DotNet.RunChecked(solutionFolder, packages.Environment, "sln", "District.sln", "add", "--in-root", feed.ProjectFile, feed.TestProjectFile);
            feeds.Add(feed);
        }

        // Each keeps its own generated namespace and user secrets.
        var secrets = feeds.Select(f => System.Text.RegularExpressions.Regex.Match(File.ReadAllText(f.ProjectFile), "<UserSecretsId>([^<]+)<").Groups[1].Value).ToList();
        Assert.NotEqual(secrets[0], secrets[1]);

        var test = DotNet.RunChecked(solutionFolder, packages.Environment, "test", "District.sln", "-c", "Release", "-warnaserror", "-nodeReuse:false");
        Assert.DoesNotContain("Failed: ", test.StandardOutput.Replace("Failed:     0", "", StringComparison.Ordinal), StringComparison.Ordinal);
        foreach (var feed in feeds)
        {
            var (_, zips) = feed.DryRun(Path.Combine(solutionFolder, "dry-run-" + feed.Name));
            Assert.Empty(GeneratedFeed.SchemaProblems(zips, out _));
        }
    }

    [Fact]
    public void Published_for_the_nightly_job_it_precompiles_the_libraries_and_compiles_ahead_from_the_night_before()
    {
        const string name = "Nightly.AlmaSis";
        var parent = packages.NewFolder("published");
        var created = packages.New(parent, "-n", name, "-o", name);
        Assert.True(created.ExitCode == 0, created.ToString());
        var feed = new GeneratedFeed(packages, Path.Combine(parent, name), name);
        var installed = Path.Combine(parent, "opt-alma-sis");

        // As the README and schedule/ say: dotnet publish -c Release -r linux-x64 -o /opt/alma-sis
        DotNet.RunChecked(feed.Directory, packages.Environment, "publish", feed.ProjectFile, "-c", "Release", "-r", "linux-x64", "-o", installed, "-nodeReuse:false");
        foreach (var library in new[] { "Scriban.Signed.dll", "Microsoft.Data.Sqlite.dll", "System.CommandLine.dll", "CsvHelper.dll" })
            Assert.True(IsReadyToRun(Path.Combine(installed, library)), library + " should be precompiled");
        foreach (var hot in new[] { name + ".dll", "AlmaIntegrationKit.dll", "System.IO.Hashing.dll" })
            Assert.False(IsReadyToRun(Path.Combine(installed, hot)), hot + " should be left to the JIT");

        // Two nights from the installed folder: the first records what it compiled beside the state file, the second
        // compiles ahead from it, and both write the same feed.
        var samples = Path.Combine(feed.Directory, "samples", "patrons.csv");
        CommandResult Night(int night) => DotNet.RunChecked(installed, packages.Environment,
            Path.Combine(installed, name + ".dll"), "run", "--dry-run", "--verbose", "--input", samples, "--out", Path.Combine(parent, "night-" + night));
        var first = Night(1);
        Assert.Contains("No profile of this build", first.StandardError, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(installed, "state", "alma-export.jitprofile")), first.ToString());
        var second = Night(2);
        Assert.Contains("Compiling ahead from the last run's profile", second.StandardError, StringComparison.Ordinal);
        Assert.Equal(
            Directory.GetFiles(Path.Combine(parent, "night-1"), "*.zip", SearchOption.AllDirectories).Select(f => new FileInfo(f).Length),
            Directory.GetFiles(Path.Combine(parent, "night-2"), "*.zip", SearchOption.AllDirectories).Select(f => new FileInfo(f).Length));

        // The published job runs in Production with its environment's file beside it, and names what it was built from.
        Assert.Contains("Environment Production", first.StandardError, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(installed, "appsettings.Production.json")));
        var version = DotNet.RunChecked(installed, packages.Environment, Path.Combine(installed, name + ".dll"), "--version");
        Assert.Contains($"  template   alma-sis {packages.Version}", version.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("  schema     Ex Libris Alma users schema, March 2021 publication", version.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>Whether the assembly carries precompiled native code (a ReadyToRun header) beside its IL.</summary>
    private static bool IsReadyToRun(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        return pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }
}
