using System.Text;
using AlmaIntegrationKit.Templates.Tests.Infrastructure;

namespace AlmaIntegrationKit.Templates.Tests;

/// <summary>
/// Colleges' own files in a scaffolded project: a mapping file where several SIS codes share one Alma group under
/// their own labels, and an extract with every optional canonical column and a column of the college's own.
/// </summary>
[Collection(PackedTemplatesCollection.Name)]
public sealed class WideFeedTemplateTests(PackedTemplates packages)
{
    private const string WideHeader =
        "person_id,login_id,barcode,first_name,middle_name,last_name,preferred_first_name,email,phone,address_line1,address_line2,"
        + "city,state,postal_code,country,patron_type,campus,term_end_date,birth_date,status,preferred_middle_name,preferred_last_name,"
        + "job_description,preferred_language,work_address_line1,work_address_line2,work_city,work_state,work_postal_code,"
        + "work_country,work_email,work_phone,additional_barcodes,statistical_categories,note,major";

    private GeneratedFeed NewFeed(string folder)
    {
        var parent = packages.NewFolder(folder);
        var created = packages.New(parent, "-n", "Foothill.AlmaSis", "--college", "Foothill College", "--institution-code", "01FOOTHILL_INST");
        Assert.True(created.ExitCode == 0, created.ToString());
        return new GeneratedFeed(packages, Path.Combine(parent, "Foothill.AlmaSis"), "Foothill.AlmaSis");
    }

    private static string Write(GeneratedFeed feed, string name, string text)
    {
        var path = Path.Combine(feed.Directory, "..", name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return Path.GetFullPath(path);
    }

    [Fact]
    public void Three_sis_codes_sharing_a_group_under_three_labels_build_with_warnings_as_errors_and_send_the_first_label()
    {
        var feed = NewFeed("shared-group");
        File.AppendAllText(Path.Combine(feed.Directory, "alma-user-groups.csv"),
            "CR,STUDENT,Credit Student,11,P30D,P1Y,MAIN\nAP,STUDENT,Apprenticeship Student,12,P30D,P1Y,MAIN\nCX,STUDENT,Community Education Student,13,P30D,P1Y,MAIN\n");

        var test = feed.BuildAndTest();
        Assert.Contains("Failed:     0", test.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("ALMA017", test.StandardOutput, StringComparison.Ordinal);

        var csv = Write(feed, "students.csv", "person_id,login_id,last_name,patron_type\n"
            + "300001,acredit,Credit,CR\n300002,bapprentice,Apprentice,AP\n300003,ccommunity,Community,CX\n");
        var (run, zips) = feed.DryRunOn(csv, Path.Combine(feed.Directory, "..", "dry-run"));
        Assert.Contains("(dry run): done", run.StandardOutput, StringComparison.Ordinal);

        var users = GeneratedFeed.Users(zips);
        Assert.Equal(3, users.Count);
        Assert.All(users, user => Assert.Equal(("STUDENT", "Credit Student"),
            ((string?)user.Element("user_group"), (string?)user.Element("user_group")!.Attribute("desc"))));
        Assert.Empty(GeneratedFeed.SchemaProblems(zips, out _));
    }

    [Fact]
    public void The_unchanged_project_sends_every_optional_column_and_lists_an_unread_one()
    {
        var feed = NewFeed("wide-feed");
        feed.BuildAndTest();

        var csv = Write(feed, "wide.csv", WideHeader + "\n"
            + "400001,mramirez,21847000400001,María,José,Ramírez Ortiz,Majo,mramirez@students.example.edu,(951) 555-0123,"
            + "3100 University Ave,Room 212,Riverside,CA,92507,USA,UG,,2027-05-14,2005-03-14,ACTIVE,Jo,Ramírez,Library student assistant,"
            + "es,900 University Ave,Rivera Library,Riverside,CA,92521,USA,mramirez@library.example.edu,(951) 555-0199,"
            + "21847000900001|21847000900002,HONORS|MAJOR:BIOL,\"Card replaced, 2026\",Biology\n"
            + "400002,tnguyen,21847000400002,Tam,,Nguyen,,tnguyen@example.edu,,,,,,,,STF,,,,,,,,,,,,,,,,,,,,History\n");
        var (run, zips) = feed.DryRunOn(csv, Path.Combine(feed.Directory, "..", "dry-run"));

        Assert.Contains("2 written", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("the mapper never read the column \"major\"", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
        Assert.Empty(GeneratedFeed.SchemaProblems(zips, out _));
        var users = GeneratedFeed.Users(zips);
        var wide = users.Single(u => (string?)u.Element("primary_id") == "mramirez");
        Assert.Equal(("Jo", "Ramírez", "Library student assistant", "es"),
            ((string?)wide.Element("pref_middle_name"), (string?)wide.Element("pref_last_name"), (string?)wide.Element("job_description"), (string?)wide.Element("preferred_language")));
        var contact = wide.Element("contact_info")!;
        Assert.Equal(["home true 3100 University Ave", "work false 900 University Ave"],
            contact.Element("addresses")!.Elements("address").Select(a => $"{(string?)a.Element("address_types")!.Element("address_type")} {(string?)a.Attribute("preferred")} {(string?)a.Element("line1")}"));
        Assert.Equal(["school true", "work false"],
            contact.Element("emails")!.Elements("email").Select(e => $"{(string?)e.Element("email_types")!.Element("email_type")} {(string?)e.Attribute("preferred")}"));
        Assert.Equal(["mobile true", "office false"],
            contact.Element("phones")!.Elements("phone").Select(p => $"{(string?)p.Element("phone_types")!.Element("phone_type")} {(string?)p.Attribute("preferred")}"));
        Assert.Equal(["21847000400001", "21847000900001", "21847000900002"],
            wide.Element("user_identifiers")!.Elements("user_identifier").Where(i => (string?)i.Element("id_type") == "BARCODE").Select(i => (string?)i.Element("value")));
        Assert.Equal([" HONORS", "MAJOR BIOL"],
            wide.Element("user_statistics")!.Elements("user_statistic").Select(s => $"{(string?)s.Element("category_type")} {(string?)s.Element("statistic_category")}"));
        Assert.Equal("Card replaced, 2026", (string?)wide.Element("user_notes")!.Element("user_note")!.Element("note_text"));
        var narrow = users.Single(u => (string?)u.Element("primary_id") == "tnguyen");
        Assert.Null(narrow.Element("user_statistics"));
        Assert.Null(narrow.Element("preferred_language"));
    }
}
