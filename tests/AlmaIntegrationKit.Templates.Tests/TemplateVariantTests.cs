using AlmaIntegrationKit.Templates.Tests.Infrastructure;

namespace AlmaIntegrationKit.Templates.Tests;

/// <summary>
/// Every value of every choice, one at a time (a value equal to the default is the default variant, tested once):
/// instantiate from the installed .nupkg, build with warnings as errors, run the generated tests, run the dry run on
/// the samples, and validate every XML in the zip against Ex Libris's schema.
/// </summary>
[Collection(PackedTemplatesCollection.Name)]
public sealed class TemplateVariantTests(PackedTemplates packages)
{
    /// <summary>The options and their values; the first of each is the default.</summary>
    public static readonly IReadOnlyList<(string Option, string[] Values)> Choices =
    [
        ("--sis", ["csv", "banner", "peoplesoft", "colleague", "workday"]),
        ("--source", ["csv", "sqlite", "postgres", "sqlserver", "oracle"]),
        ("--login-id", ["login_id", "person_id", "email"]),
        ("--upload", ["exlibris", "sftp", "folder"]),
        ("--alma-env", ["sandbox", "production"]),
    ];

    public static TheoryData<string, string> Variants()
    {
        var data = new TheoryData<string, string> { { "(default)", "" } };
        foreach (var (option, values) in Choices)
        {
            // The default of --source follows --sis: with the default SIS (csv) it is csv, the default variant.
            foreach (var value in values.Skip(1))
                data.Add(option, value);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Variant_builds_passes_its_tests_and_its_dry_run_writes_schema_valid_zips(string option, string value)
    {
        var folderName = option == "(default)" ? "default" : option.TrimStart('-') + "-" + value;
        var parent = packages.NewFolder("variant-" + folderName);
        string[] choice = option == "(default)" ? [] : [option, value];
        var created = packages.New(parent, ["-n", "Foothill.AlmaSis", "--college", "Foothill College", "--institution-code", "01FOOTHILL_INST", .. choice]);
        Assert.True(created.ExitCode == 0, created.ToString());

        var feed = new GeneratedFeed(packages, Path.Combine(parent, "Foothill.AlmaSis"), "Foothill.AlmaSis");
        CheckChoiceTookEffect(feed, option, value);

        var test = feed.BuildAndTest();
        Assert.Contains("Failed:     0", test.StandardOutput, StringComparison.Ordinal);

        // A CSV or SQLite college ships no database server driver; a PostgreSQL or SQL Server one ships only its own.
        var built = Directory.GetFiles(Path.Combine(feed.Directory, "bin"), "*.dll", SearchOption.AllDirectories).Select(Path.GetFileName).ToHashSet();
        Assert.Equal(feed.SourceKind() == "postgres", built.Contains("Npgsql.dll"));
        Assert.Equal(feed.SourceKind() == "sqlserver", built.Contains("Microsoft.Data.SqlClient.dll"));

        var (run, zips) = feed.DryRun(Path.Combine(parent, "dry-run"));
        Assert.Contains("(dry run): done", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("manifest", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("rejects", run.StandardOutput, StringComparison.Ordinal);
        Assert.NotEmpty(zips);
        Assert.All(zips, zip => Assert.StartsWith("01FOOTHILL_INST_", Path.GetFileName(zip), StringComparison.Ordinal));

        var problems = GeneratedFeed.SchemaProblems(zips, out var xmlFiles);
        Assert.True(xmlFiles > 0, "the zips hold no XML file");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Take(20)));
    }

    /// <summary>The files and settings the choice decides, so that a variant cannot silently be the default.</summary>
    private static void CheckChoiceTookEffect(GeneratedFeed feed, string option, string value)
    {
        var settings = File.ReadAllText(Path.Combine(feed.Directory, "appsettings.json"));
        var mapper = File.ReadAllText(Path.Combine(feed.Directory, "PatronMapper.MatchingId.cs"));
        var extract = Path.Combine(feed.Directory, "Extract");
        Assert.Equal(
            ["PatronMapper.MatchingId.cs", "PatronMapper.cs"],
            Directory.GetFiles(feed.Directory, "PatronMapper*.cs").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(Directory.GetFiles(feed.Directory, "*.sql", SearchOption.AllDirectories).Select(Path.GetFileName),
            n => n is "banner.sql" or "peoplesoft.sql" or "colleague.sql" or "generic.sql");
        // Every replacement token of template.json was replaced (ALMA_Sftp__Host in a comment is a real variable name).
        Assert.DoesNotMatch(@"\bALMA_[A-Z_]+\b", settings);

        // Only the database driver the source needs: none for csv, sqlite and oracle (the college adds Oracle's).
        var kind = feed.SourceKind();
        var project = File.ReadAllText(feed.ProjectFile);
        var drivers = File.ReadAllText(Path.Combine(feed.Directory, "DatabaseDrivers.cs"));
        Assert.Equal(kind == "postgres", project.Contains("\"AlmaIntegrationKit.Sources.PostgreSql\"", StringComparison.Ordinal));
        Assert.Equal(kind == "sqlserver", project.Contains("\"AlmaIntegrationKit.Sources.SqlServer\"", StringComparison.Ordinal));
        Assert.Equal(kind == "postgres", drivers.Contains("=> options.Providers.AddPostgreSql();", StringComparison.Ordinal));
        Assert.Equal(kind == "sqlserver", drivers.Contains("=> options.Providers.AddSqlServer();", StringComparison.Ordinal));
        Assert.DoesNotContain("#if", project, StringComparison.Ordinal);
        Assert.Equal(["DatabaseDrivers.cs"], Directory.GetFiles(feed.Directory, "DatabaseDrivers*.cs").Select(Path.GetFileName));
        switch (option, value)
        {
            case ("(default)", _):
            case ("--sis", "workday"):
                Assert.Equal("csv", feed.SourceKind());
                Assert.True(File.Exists(Path.Combine(extract, "README.md")));
                Assert.Contains("--login-id login_id", mapper, StringComparison.Ordinal);
                Assert.Contains("\"Kind\": \"ExLibrisSecureFtp\"", settings, StringComparison.Ordinal);
                Assert.Contains("\"RemoteDirectory\": \"/sandbox\"", settings, StringComparison.Ordinal);
                break;
            case ("--sis", _):
                Assert.Equal(value == "colleague" ? "sqlserver" : "oracle", feed.SourceKind());
                Assert.Contains(value == "peoplesoft" ? "PS_JOB" : value == "banner" ? "SPRIDEN" : "STUDENT_TERMS",
                    File.ReadAllText(Path.Combine(extract, "patrons.sql")), StringComparison.Ordinal);
                break;
            case ("--source", _):
                Assert.Equal(value, feed.SourceKind());
                Assert.Equal(value is "postgres" or "sqlserver" or "oracle", File.Exists(Path.Combine(extract, "patrons.sql")));
                break;
            case ("--login-id", _):
                Assert.Contains("--login-id " + value, mapper, StringComparison.Ordinal);
                break;
            case ("--upload", _):
                Assert.Contains($"\"Kind\": \"{(value == "sftp" ? "Sftp" : "Folder")}\"", settings, StringComparison.Ordinal);
                break;
            case ("--alma-env", _):
                Assert.Contains("\"RemoteDirectory\": \"/production\"", settings, StringComparison.Ordinal);
                break;
        }
    }
}
