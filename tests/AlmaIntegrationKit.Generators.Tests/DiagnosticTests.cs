using AlmaIntegrationKit.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AlmaIntegrationKit.Generators.Tests;

/// <summary>Each diagnostic, with the exact file, line and column it points at (1-based, as editors show them).</summary>
public class DiagnosticTests
{
    private const string Header = "sis_code,alma_code,alma_desc,weight,expiry,purge,campus\n";

    private static string MinimalUsers(string userContent = "<xs:element name=\"primary_id\" type=\"xs:string\" minOccurs=\"0\"/>") =>
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n" +
        "  <xs:element name=\"users\" type=\"users\"/>\n" +
        "  <xs:complexType name=\"users\">\n" +
        "    <xs:sequence><xs:element name=\"user\" type=\"user\" minOccurs=\"0\" maxOccurs=\"unbounded\"/></xs:sequence>\n" +
        "  </xs:complexType>\n" +
        "  <xs:complexType name=\"user\">\n" +
        "    <xs:all>\n" +
        "      " + userContent + "\n" +
        "    </xs:all>\n" +
        "  </xs:complexType>\n" +
        "</xs:schema>\n";

    private static IReadOnlyList<Diagnostic> Run(params InMemoryAdditionalText[] files) =>
        GeneratorHarness.Run(files).Result.Diagnostics;

    private static Diagnostic Single(IReadOnlyList<Diagnostic> diagnostics, string id)
    {
        var matching = diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"expected one {id}, got:{Environment.NewLine}{GeneratorHarness.Describe(diagnostics)}");
        return matching[0];
    }

    private static void AssertAt(Diagnostic diagnostic, string fileName, int line, int column)
    {
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(fileName, Path.GetFileName(span.Path));
        Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
    }

    private static InMemoryAdditionalText Schema(string fileName, string text) => new(GeneratorHarness.SchemaPath(fileName), text);

    [Fact]
    public void ALMA001_malformed_xml_points_at_the_break()
    {
        var diagnostics = Run(Schema("rest_users.xsd", "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n  <xs:element name=\"users\">\n</xs:schema>\n"));

        var diagnostic = Single(diagnostics, "ALMA001");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.DefaultSeverity);
        AssertAt(diagnostic, "rest_users.xsd", 3, 3);
        Assert.Contains("rest_users.xsd", diagnostic.GetMessage());
    }

    [Fact]
    public void ALMA002_a_DTD_is_refused_and_never_resolved()
    {
        var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE schema [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">&xxe;</xs:schema>\n";

        var diagnostic = Single(Run(Schema("rest_users.xsd", text)), "ALMA002");

        AssertAt(diagnostic, "rest_users.xsd", 2, 1);
        Assert.DoesNotContain("root:", diagnostic.GetMessage());
    }

    [Fact]
    public void ALMA003_missing_include_names_the_file_and_suggests_the_near_miss()
    {
        var users = MinimalUsers().Replace("  <xs:element name=\"users\"", "  <xs:include schemaLocation=\"rest_usr.xsd\"/>\n  <xs:element name=\"users\"");

        var diagnostic = Single(Run(Schema("rest_users.xsd", users), Schema("rest_user.xsd", "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"/>")), "ALMA003");

        AssertAt(diagnostic, "rest_users.xsd", 2, 3);
        Assert.Contains("'rest_usr.xsd'", diagnostic.GetMessage());
        Assert.Contains("did you mean 'rest_user.xsd'?", diagnostic.GetMessage());
    }

    [Fact]
    public void ALMA004_the_published_duplicate_identifier_types_are_accepted_with_an_info_at_each_copy()
    {
        var diagnostics = GeneratorHarness.Run(GeneratorHarness.RealSchema().Append(GeneratorHarness.TestMapping())).Result.Diagnostics;

        var duplicates = diagnostics.Where(d => d.Id == "ALMA004").OrderBy(d => d.Location.GetLineSpan().StartLinePosition.Line).ToList();
        Assert.Equal(2, duplicates.Count);
        Assert.All(duplicates, d => Assert.Equal(DiagnosticSeverity.Info, d.DefaultSeverity));
        AssertAt(duplicates[0], "rest_researcher.xsd", 379, 2);
        Assert.Contains("'user_identifiers'", duplicates[0].GetMessage());
        Assert.Contains("rest_user.xsd(1535,2)", duplicates[0].GetMessage());
        AssertAt(duplicates[1], "rest_researcher.xsd", 401, 2);
        Assert.Contains("'user_identifier'", duplicates[1].GetMessage());
    }

    [Fact]
    public void ALMA005_different_definitions_under_one_name_are_an_error_naming_both_places()
    {
        var files = GeneratorHarness.RealSchema();
        var researcher = files.Single(f => f.Path.EndsWith("rest_researcher.xsd", StringComparison.Ordinal));
        var changed = researcher.Content.Replace(
            "<xs:element name=\"value\" type=\"string255Length\" minOccurs=\"1\"",
            "<xs:element name=\"value\" type=\"string50Length\" minOccurs=\"1\"");
        Assert.NotEqual(researcher.Content, changed);
        files[files.IndexOf(researcher)] = new InMemoryAdditionalText(researcher.Path, changed);

        var diagnostic = Single(Run([.. files]), "ALMA005");

        Assert.Equal(DiagnosticSeverity.Error, diagnostic.DefaultSeverity);
        AssertAt(diagnostic, "rest_researcher.xsd", 401, 2);
        Assert.Contains("'user_identifier'", diagnostic.GetMessage());
        Assert.Contains("rest_user.xsd(1641,2)", diagnostic.GetMessage());
    }

    [Fact]
    public void ALMA006_xs_any_and_a_repeated_choice_degrade_to_a_safe_fallback_with_a_warning()
    {
        var users = MinimalUsers().Replace("<xs:complexType name=\"user\">\n    <xs:all>\n      <xs:element name=\"primary_id\" type=\"xs:string\" minOccurs=\"0\"/>\n    </xs:all>",
            "<xs:complexType name=\"user\">\n    <xs:sequence>\n      <xs:element name=\"primary_id\" type=\"xs:string\" minOccurs=\"0\"/>\n      <xs:any minOccurs=\"0\"/>\n      <xs:choice maxOccurs=\"unbounded\"><xs:element name=\"a\" type=\"xs:string\"/><xs:element name=\"b\" type=\"xs:string\"/></xs:choice>\n    </xs:sequence>");

        var (_, result, output) = GeneratorHarness.Run([Schema("rest_users.xsd", users)]);

        var warnings = result.Diagnostics.Where(d => d.Id == "ALMA006").OrderBy(d => d.Location.GetLineSpan().StartLinePosition.Line).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Equal(DiagnosticSeverity.Warning, w.DefaultSeverity));
        AssertAt(warnings[0], "rest_users.xsd", 9, 7);
        Assert.Contains("xs:any", warnings[0].GetMessage());
        AssertAt(warnings[1], "rest_users.xsd", 10, 7);
        Assert.Contains("xs:choice", warnings[1].GetMessage());
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void ALMA007_an_undeclared_type_is_an_error_with_did_you_mean()
    {
        var users = MinimalUsers("<xs:element name=\"primary_id\" type=\"string225Length\" minOccurs=\"0\"/>")
            .Replace("</xs:schema>", "  <xs:simpleType name=\"string255Length\"><xs:restriction base=\"xs:string\"><xs:maxLength value=\"255\"/></xs:restriction></xs:simpleType>\n</xs:schema>");

        var diagnostic = Single(Run(Schema("rest_users.xsd", users)), "ALMA007");

        AssertAt(diagnostic, "rest_users.xsd", 8, 7);
        Assert.Contains("did you mean 'string255Length'?", diagnostic.GetMessage());
    }

    [Fact]
    public void ALMA008_schema_files_without_users_say_so()
    {
        var diagnostic = Single(Run(Schema("rest_user.xsd", "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element name=\"user\" type=\"xs:string\"/></xs:schema>")), "ALMA008");

        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.DefaultSeverity);
        Assert.Contains("rest_user.xsd", diagnostic.GetMessage());
    }

    [Fact]
    public void ALMA009_a_users_element_that_is_not_a_list_of_records_is_refused_at_its_line()
    {
        var text = "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n  <xs:element name=\"users\" type=\"xs:string\"/>\n</xs:schema>\n";

        var diagnostic = Single(Run(Schema("rest_users.xsd", text)), "ALMA009");

        AssertAt(diagnostic, "rest_users.xsd", 2, 3);
    }

    [Fact]
    public void ALMA010_a_missing_mapping_column_points_at_the_near_miss_header()
    {
        var diagnostic = Single(Run(GeneratorHarness.Mapping("sis_code,alma_code,alma_desc,wieght,expiry,purge\nUG,UNDERGRAD,Undergraduate,10,P30D,P2Y\n")), "ALMA010");

        AssertAt(diagnostic, "alma-user-groups.csv", 1, 30);
        Assert.Contains("'weight'", diagnostic.GetMessage());
        Assert.Contains("'wieght'", diagnostic.GetMessage());
    }

    [Fact]
    public void ALMA011_an_empty_code_points_at_the_field()
    {
        var diagnostic = Single(Run(GeneratorHarness.Mapping(Header + "UG,UNDERGRAD,Undergraduate,10,P30D,P2Y,\nGR,,Graduate,20,P30D,P2Y,\n")), "ALMA011");

        AssertAt(diagnostic, "alma-user-groups.csv", 3, 4);
        Assert.Contains("alma_code", diagnostic.GetMessage());
    }

    [Fact]
    public void ALMA012_a_duplicate_sis_code_names_the_first_line()
    {
        var diagnostic = Single(Run(GeneratorHarness.Mapping(Header + "UG,UNDERGRAD,Undergraduate,10,P30D,P2Y,\nGR,GRAD,Graduate,20,P30D,P2Y,\nug,GRAD,Graduate,20,P30D,P2Y,\n")), "ALMA012");

        AssertAt(diagnostic, "alma-user-groups.csv", 4, 1);
        Assert.Contains("line 2", diagnostic.GetMessage());
    }

    [Fact]
    public void ALMA013_a_weight_that_is_not_a_whole_number_points_at_it()
    {
        var diagnostic = Single(Run(GeneratorHarness.Mapping(Header + "UG,UNDERGRAD,Undergraduate,ten,P30D,P2Y,\n")), "ALMA013");

        AssertAt(diagnostic, "alma-user-groups.csv", 2, 28);
        Assert.Contains("'ten'", diagnostic.GetMessage());
    }

    [Fact]
    public void ALMA014_a_bad_duration_points_at_it_and_suggests_the_iso_form()
    {
        var diagnostics = Run(GeneratorHarness.Mapping(Header + "UG,UNDERGRAD,Undergraduate,10,30D,PT2H,\n"));

        var durations = diagnostics.Where(d => d.Id == "ALMA014").OrderBy(d => d.Location.GetLineSpan().StartLinePosition.Character).ToList();
        Assert.Equal(2, durations.Count);
        AssertAt(durations[0], "alma-user-groups.csv", 2, 31);
        Assert.Contains("did you mean 'P30D'?", durations[0].GetMessage());
        AssertAt(durations[1], "alma-user-groups.csv", 2, 35);
        Assert.Contains("time part", durations[1].GetMessage());
    }

    [Fact]
    public void ALMA015_an_unclosed_quote_and_a_wrong_field_count_point_at_their_lines()
    {
        var diagnostics = Run(GeneratorHarness.Mapping(Header + "UG,UNDERGRAD,Undergraduate,10,P30D\nGR,GRAD,\"Graduate,20,P30D,P2Y,\n"));

        var rows = diagnostics.Where(d => d.Id == "ALMA015").OrderBy(d => d.Location.GetLineSpan().StartLinePosition.Line).ToList();
        Assert.Equal(2, rows.Count);
        AssertAt(rows[0], "alma-user-groups.csv", 2, 1);
        Assert.Contains("5 fields but the header has 7", rows[0].GetMessage());
        AssertAt(rows[1], "alma-user-groups.csv", 3, 9);
        Assert.Contains("never closed", rows[1].GetMessage());
    }

    [Fact]
    public void ALMA016_an_unknown_column_is_a_warning_with_did_you_mean()
    {
        var diagnostic = Single(Run(GeneratorHarness.Mapping("sis_code,alma_code,alma_desc,weight,expiry,purge,campuss\nUG,UNDERGRAD,Undergraduate,10,P30D,P2Y,MAIN\n")), "ALMA016");

        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.DefaultSeverity);
        AssertAt(diagnostic, "alma-user-groups.csv", 1, 50);
        Assert.Contains("did you mean 'campus'?", diagnostic.GetMessage());
    }

    [Fact]
    public void ALMA017_one_alma_code_with_two_labels_is_information_at_the_second_naming_the_label_sent()
    {
        var diagnostic = Single(Run(GeneratorHarness.Mapping(Header + "UG,STUDENT,Student,10,P30D,P2Y,\nGR,STUDENT,Students,20,P30D,P2Y,\n")), "ALMA017");

        Assert.Equal(DiagnosticSeverity.Info, diagnostic.DefaultSeverity);
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        AssertAt(diagnostic, "alma-user-groups.csv", 3, 12);
        Assert.Contains("line 2", diagnostic.GetMessage());
        Assert.Contains("sends 'Student' (the first row's label)", diagnostic.GetMessage());
    }

    [Fact]
    public void ALMA017_three_sis_codes_sharing_a_group_under_three_labels_raise_no_warning_or_error()
    {
        var diagnostics = Run(GeneratorHarness.Mapping(Header
            + "CR,STUDENT,Credit Student,10,P30D,P2Y,\nAP,STUDENT,Apprenticeship Student,10,P30D,P2Y,\nCE,STUDENT,Continuing Education,5,P30D,P2Y,\n"));

        Assert.DoesNotContain(diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal(2, diagnostics.Count(d => d.Id == "ALMA017"));
    }

    [Fact]
    public void ALMA018_a_schema_without_a_mapping_file_warns_that_groups_are_unchecked()
    {
        var diagnostic = Single(Run([.. GeneratorHarness.RealSchema()]), "ALMA018");

        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.DefaultSeverity);
        Assert.Equal(Location.None, diagnostic.Location);
    }

    [Fact]
    public void ALMA019_an_invalid_option_falls_back_with_a_warning()
    {
        var files = GeneratorHarness.RealSchema().Append(GeneratorHarness.TestMapping());

        var diagnostics = GeneratorHarness.Run(files, new() { ["build_property.AlmaDateStyle"] = "zulu", ["build_property.AlmaGeneratedNamespace"] = "1bad.namespace" }).Result.Diagnostics;

        var options = diagnostics.Where(d => d.Id == "ALMA019").Select(d => d.GetMessage()).OrderBy(m => m, StringComparer.Ordinal).ToList();
        Assert.Equal(2, options.Count);
        Assert.Contains("AlmaDateStyle", options[0]);
        Assert.Contains("AlmaGeneratedNamespace", options[1]);
    }

    [Fact]
    public void ALMA020_a_user_type_without_the_pipeline_members_is_reported_at_the_type()
    {
        var diagnostic = Single(Run(Schema("rest_users.xsd", MinimalUsers()), GeneratorHarness.Mapping(Header + "UG,UNDERGRAD,Undergraduate,10,P30D,P2Y,\n")), "ALMA020");

        AssertAt(diagnostic, "rest_users.xsd", 6, 3);
        Assert.Contains("user_group", diagnostic.GetMessage());
    }

    [Fact]
    public void ALMA021_two_mapping_files_are_an_error_on_the_one_not_used()
    {
        var second = new InMemoryAdditionalText("/college/FoothillCollege.AlmaSis/old/alma-user-groups.csv", Header + "UG,UNDERGRAD,Undergraduate,10,P30D,P2Y,\n");

        var diagnostic = Single(Run(GeneratorHarness.Mapping(Header + "UG,UNDERGRAD,Undergraduate,10,P30D,P2Y,\n"), second), "ALMA021");

        Assert.Equal("/college/FoothillCollege.AlmaSis/old/alma-user-groups.csv", diagnostic.Location.GetLineSpan().Path);
    }

    [Fact]
    public void ALMA022_two_files_declaring_users_warn_on_the_second()
    {
        var diagnostic = Single(Run(Schema("a_users.xsd", MinimalUsers()), Schema("b_users.xsd", MinimalUsers())), "ALMA022");

        AssertAt(diagnostic, "b_users.xsd", 2, 3);
    }

    [Fact]
    public void ALMA999_an_exception_inside_the_generator_becomes_a_diagnostic_not_a_crash()
    {
        var (_, result, _) = GeneratorHarness.Run([new ThrowingAdditionalText(GeneratorHarness.SchemaPath("rest_users.xsd"))]);

        Assert.Null(result.Exception);
        var diagnostic = Single(result.Diagnostics, "ALMA999");
        Assert.Contains("disk went away", diagnostic.GetMessage());
    }

    [Fact]
    public void Every_diagnostic_has_a_help_link_to_its_section_of_docs_diagnostics_md_and_a_release_entry()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics.md"));
        var unshipped = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "AlmaIntegrationKit.Generators", "AnalyzerReleases.Unshipped.md"));

        foreach (var descriptor in Diagnostics.AlmaDiagnostics.All)
        {
            Assert.StartsWith("ALMA", descriptor.Id);
            Assert.EndsWith("docs/diagnostics.md#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri);
            Assert.Contains("## " + descriptor.Id, docs);
            Assert.Contains(descriptor.Id + " |", unshipped);
        }
    }

    private sealed class ThrowingAdditionalText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => throw new IOException("the disk went away");
    }
}
