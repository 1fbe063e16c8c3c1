using System.Text;
using System.Xml.Linq;
using AlmaIntegrationKit.NuGetPackages.Tests.Infrastructure;

namespace AlmaIntegrationKit.NuGetPackages.Tests;

/// <summary>
/// A college's project as it starts out: a new console project in an empty folder, one PackageReference to
/// AlmaIntegrationKit, the Ex Libris schema files dropped into Schema/ and a mapping file, and no MSBuild item for
/// any of them. The generator and its props/targets have to arrive transitively from the packages alone.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class CleanConsumerTests(PackedPackages packages)
{
    private const string ProjectFile = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <!-- Read by the generator only when the package's buildTransitive props reach this project. -->
            <AlmaGeneratedNamespace>Riverside.Patrons</AlmaGeneratedNamespace>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="AlmaIntegrationKit" Version="$(AlmaTestVersion)" />
          </ItemGroup>
        </Project>
        """;

    private const string MappingFile = """
        sis_code,alma_code,alma_desc,weight,expiry,purge,campus
        UG,UNDERGRAD,Undergraduate,10,P30D,P2Y,MAIN
        FAC,FACULTY,Faculty,50,P90D,P3Y,
        """;

    private const string Program = """
        using System.Text;
        using AlmaIntegrationKit;
        using Riverside.Patrons;

        // The group comes from the generated map of alma-user-groups.csv, the user from the generated model.
        if (!AlmaUserGroups.Map.TryGetBySisCode("UG", out var rule))
            throw new InvalidOperationException("UG is not in the generated user group map");

        var expiry = rule.ExpiryDate(new DateOnly(2030, 5, 31), new DateOnly(2030, 1, 1));
        var user = new User
        {
            PrimaryId = "zoe.obrien",
            FirstName = "Zoë",
            LastName = "O'Brien & Søn",
            UserGroup = new AlmaCode(rule.AlmaCode, rule.AlmaDesc),
            CampusCode = rule.Campus is null ? null : new AlmaCode(rule.Campus),
            Status = "ACTIVE",
            ExpiryDate = expiry,
            PurgeDate = rule.PurgeDate(expiry),
        };
        user.UserIdentifiers.Add(new UserIdentifier { IdType = "BARCODE", Value = "21234000012345" });

        var issues = new List<ValidationIssue>();
        AlmaUserValidator.Validate(user, issues);
        using var buffer = new MemoryStream();
        using (var writer = new AlmaUsersWriter(buffer, leaveOpen: true))
        {
            if (!writer.TryWrite(user, issues))
            {
                foreach (var issue in issues)
                    Console.Error.WriteLine(issue);
                return 1;
            }

            writer.Complete();
        }

        File.WriteAllBytes("users.xml", buffer.ToArray());
        Console.OutputEncoding = new UTF8Encoding(false);
        Console.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        return 0;
        """;

    [Fact]
    public void One_PackageReference_builds_with_warnings_as_errors_and_writes_the_user()
    {
        var directory = Path.Combine(packages.WorkDirectory, "consumer-" + Guid.NewGuid().ToString("N")[..8]);
        var project = Path.Combine(directory, "Riverside.AlmaFeed");
        Directory.CreateDirectory(Path.Combine(project, "Schema"));

        // Fence the consumer off from any Directory.Build.* or central package management above the temp folder.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "nuget.config"), LocalFeedNuGetConfig.For(packages.FeedDirectory, directory));

        File.WriteAllText(Path.Combine(project, "Riverside.AlmaFeed.csproj"), ProjectFile.Replace("$(AlmaTestVersion)", packages.Version, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(project, "Program.cs"), Program);
        File.WriteAllText(Path.Combine(project, "alma-user-groups.csv"), MappingFile);
        foreach (var schema in RepositoryPaths.SchemaFiles)
            File.Copy(Path.Combine(RepositoryPaths.SchemaDirectory, schema), Path.Combine(project, "Schema", schema));

        // The consumer restores into its own packages folder, so the machine's NuGet cache never holds a test version.
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(directory, "packages") };

        DotNet.RunChecked(project, environment, "build", "-c", "Release", "-warnaserror", "-nodeReuse:false");
        var run = DotNet.RunChecked(project, environment, "run", "-c", "Release", "--no-build");

        // The analyzer came from the packed generator package, reached through the runtime's dependency.
        var assets = File.ReadAllText(Path.Combine(project, "obj", "project.assets.json"));
        Assert.Contains($"\"AlmaIntegrationKit.Generators/{packages.Version}\"", assets, StringComparison.Ordinal);
        Assert.Contains("analyzers/dotnet/cs/AlmaIntegrationKit.Generators.dll", assets, StringComparison.Ordinal);

        // What it printed is the XML it wrote: UTF-8 without a byte order mark, root <users>, the one user.
        var bytes = File.ReadAllBytes(Path.Combine(project, "users.xml"));
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "users.xml starts with a byte order mark");
        var document = XDocument.Parse(run.StandardOutput.Trim());
        Assert.Equal(Encoding.UTF8.GetString(bytes).Trim(), run.StandardOutput.Trim());

        Assert.Equal("users", document.Root!.Name.LocalName);
        var user = Assert.Single(document.Root.Elements("user"));
        Assert.Equal("zoe.obrien", user.Element("primary_id")?.Value);
        Assert.Equal("Zoë", user.Element("first_name")?.Value);
        Assert.Equal("O'Brien & Søn", user.Element("last_name")?.Value);
        Assert.Equal("UNDERGRAD", user.Element("user_group")?.Value);
        Assert.Equal("Undergraduate", (string?)user.Element("user_group")?.Attribute("desc"));
        Assert.Equal("MAIN", user.Element("campus_code")?.Value);
        Assert.Equal("2030-06-30", user.Element("expiry_date")?.Value);
        Assert.Equal("2032-06-30", user.Element("purge_date")?.Value);
        Assert.Equal("21234000012345", user.Descendants("value").Single().Value);
    }
}
