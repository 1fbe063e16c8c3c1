using System.Xml.Linq;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Tests.Alma;

namespace AlmaIntegrationKit.Tests.Export;

/// <summary>A feed with the optional canonical columns and columns of the college's own, from CSV to zip.</summary>
public sealed class WideFeedTests : IDisposable
{
    private const string Header =
        "person_id,login_id,barcode,first_name,last_name,email,patron_type,preferred_middle_name,preferred_last_name,job_description,"
        + "preferred_language,work_address_line1,work_address_line2,work_city,work_state,work_postal_code,work_country,work_email,"
        + "work_phone,additional_barcodes,statistical_categories,note,major";

    private readonly ExportHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private static PatronFeed Feed(params string[] lines)
    {
        var feed = new PatronFeed(Header);
        foreach (var line in lines)
            feed.Raw(line);
        return feed;
    }

    private static string Line(string personId, string login, string barcode, string additional = "", string language = "fr",
        string job = "Lab assistant", string workEmail = "pat@work.example.edu") =>
        $"{personId},{login},{barcode},Pat,Doe,{login}@example.edu,FT,Ann,Smith-Doe,{job},{language},1 College Way,Room 4,Springfield,IL,"
        + $"62701,,{workEmail},555-0199,{additional},\"FT|DEPT:HIST\",Prefers email,History";

    private Task<ExportResult> RunAsync(PatronFeed feed, FeedConstants? constants = null) =>
        _harness.RunAsync(feed, _harness.Options() with
        {
            Safety = new SafetyOptions { MaxRejectPercent = 100 },
            Constants = constants ?? FeedConstants.None,
        });

    [Fact]
    public async Task Every_optional_column_and_an_own_column_reach_the_zip()
    {
        var result = await RunAsync(Feed(Line("P1", "pat", "B1", additional: "B2| B3")), new FeedConstants { RsLibraries = ["MAIN", "LAW"] });

        var user = Assert.Single(ExportHarness.Users(result));
        Assert.Equal(("Ann", "Smith-Doe", "Lab assistant", "fr"),
            ((string?)user.Element("pref_middle_name"), (string?)user.Element("pref_last_name"), (string?)user.Element("job_description"), (string?)user.Element("preferred_language")));
        var contact = user.Element("contact_info")!;
        var work = contact.Element("addresses")!.Elements("address").Single();
        Assert.Equal(("false", "1 College Way", "Room 4", "Springfield", "IL", "62701", "work"),
            ((string?)work.Attribute("preferred"), (string?)work.Element("line1"), (string?)work.Element("line2"), (string?)work.Element("city"),
            (string?)work.Element("state_province"), (string?)work.Element("postal_code"), (string?)work.Element("address_types")!.Element("address_type")));
        Assert.Null(work.Element("country"));
        var emails = contact.Element("emails")!.Elements("email").ToList();
        Assert.Equal(["true pat@example.edu personal", "false pat@work.example.edu work"],
            emails.Select(e => $"{(string?)e.Attribute("preferred")} {(string?)e.Element("email_address")} {(string?)e.Element("email_types")!.Element("email_type")}"));
        var phone = contact.Element("phones")!.Elements("phone").Single();
        Assert.Equal(("false", "555-0199", "office"), ((string?)phone.Attribute("preferred"), (string?)phone.Element("phone_number"), (string?)phone.Element("phone_types")!.Element("phone_type")));
        Assert.Equal(["UNIV_ID P1", "BARCODE B1", "BARCODE B2", "BARCODE B3"],
            user.Element("user_identifiers")!.Elements("user_identifier").Select(i => $"{(string?)i.Element("id_type")} {(string?)i.Element("value")}"));
        Assert.Equal([" FT", "DEPT HIST", "MAJOR History"],
            user.Element("user_statistics")!.Elements("user_statistic").Select(s => $"{(string?)s.Element("category_type")} {(string?)s.Element("statistic_category")}"));
        var note = user.Element("user_notes")!.Elements("user_note").Single();
        Assert.Equal(("OTHER", "Prefers email", "false"),
            ((string?)note.Element("note_type"), (string?)note.Element("note_text"), (string?)note.Element("user_viewable")));
        Assert.Equal(0, result.Counts.WithWarnings);
        Assert.Equal(["MAIN", "LAW"], user.Element("rs_libraries")!.Elements("rs_library").Select(l => (string?)l.Element("code")));
    }

    [Fact]
    public async Task The_feed_language_from_the_settings_fills_rows_without_one()
    {
        var result = await RunAsync(Feed(Line("P1", "pat", "B1", language: ""), Line("P2", "sam", "B2", language: "de")),
            new FeedConstants { PreferredLanguage = "en" });

        Assert.Equal(["en", "de"], ExportHarness.Users(result).Select(u => (string?)u.Element("preferred_language")));
    }

    [Fact]
    public async Task An_additional_barcode_another_person_holds_rejects_the_second_holder()
    {
        var result = await RunAsync(Feed(Line("P1", "pat", "B1", additional: "X9"), Line("P2", "sam", "B2", additional: "B3|x9")));

        Assert.Equal(1, result.Counts.Written);
        var reject = Assert.Single(ExportHarness.RejectLines(result));
        Assert.Contains("P2", reject);
        Assert.Contains(ExportRejectRules.DuplicateId, reject);
        Assert.Contains("user_identifiers/user_identifier[4]/value", reject);
    }

    [Fact]
    public async Task An_additional_barcode_repeating_the_persons_own_barcode_is_rejected()
    {
        var result = await RunAsync(Feed(Line("P1", "pat", "B1", additional: "B1")));

        Assert.Equal(0, result.Counts.Written);
        Assert.Equal(["patrons.csv,line,2,P1,user_identifiers/user_identifier[3]/value,identifier-unique"],
            ExportHarness.RejectLines(result).Select(line => string.Join(',', line.Split(',').Take(6))));
    }

    [Fact]
    public async Task Lengths_and_emails_of_the_new_fields_are_validated()
    {
        var result = await RunAsync(Feed(Line("P1", "pat", "B1", job: new string('j', 256)), Line("P2", "sam", "B2", workEmail: "sam@"), Line("P3", "kim", "B3")));

        Assert.Equal(1, result.Counts.Written);
        var rejects = ExportHarness.RejectLines(result);
        Assert.Contains(rejects, line => line.Contains("P1") && line.Contains("job_description") && line.Contains(ValidationRules.MaxLength));
        Assert.Contains(rejects, line => line.Contains("P2") && line.Contains("contact_info/emails/email[2]/email_address") && line.Contains(ValidationRules.Email));
    }

    [Fact]
    public async Task A_feed_with_only_the_original_columns_runs_as_before()
    {
        var result = await RunAsync(new PatronFeed().Good(3));

        Assert.Equal(3, result.Counts.Written);
        var user = ExportHarness.Users(result)[0];
        Assert.Null(user.Element("user_statistics"));
        Assert.Null(user.Element("user_notes"));
        Assert.Null(user.Element("preferred_language"));
        Assert.Equal(2, user.Element("user_identifiers")!.Elements().Count());
    }
}
