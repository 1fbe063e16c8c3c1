using System.Text;
using AlmaIntegrationKit.Generators.Tests.Alma;
using AlmaIntegrationKit.Generators.Tests.Infrastructure;

namespace AlmaIntegrationKit.Generators.Tests.Behaviour;

/// <summary>Write rich users, validate the file with XmlSchemaSet against the published schema, read it back, compare.</summary>
public class WriteValidateReadTests
{
    private static byte[] Write(IEnumerable<User> users, bool requireWritten = true)
    {
        using var stream = new MemoryStream();
        using (var writer = new AlmaUsersWriter(stream, leaveOpen: true))
        {
            foreach (var user in users)
            {
                var issues = new List<ValidationIssue>();
                var written = writer.TryWrite(user, issues);
                Assert.True(written || !requireWritten, string.Join("; ", issues));
            }

            writer.Complete();
        }

        return stream.ToArray();
    }

    [Fact]
    public void Rich_users_written_by_the_generated_writer_validate_against_the_published_schema()
    {
        var bytes = Write([SampleUsers.Rich(1), SampleUsers.Rich(2), new User { PrimaryId = "minimal" }]);

        var problems = PublishedSchemaSet.Validate(new MemoryStream(bytes));

        Assert.Empty(problems);
    }

    [Fact]
    public void The_file_is_utf8_without_byte_order_mark_and_escapes_markup()
    {
        var bytes = Write([SampleUsers.Rich()]);

        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "no byte order mark");
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<users>\n<user>", text);
        Assert.Contains("<last_name>O'Brien &amp; Søn &lt;Jr&gt;</last_name>", text);
        Assert.Contains("<user_group desc=\"Faculty\">FACULTY</user_group>", text);
        Assert.Contains("<birth_date>1980-02-29</birth_date>", text);
        Assert.Contains("<value>Ω-ünïcödé-🙂</value>", text);
        Assert.EndsWith("</users>\n", text);
    }

    [Fact]
    public void Contact_info_is_written_in_its_sequence_order_addresses_emails_phones()
    {
        var text = Encoding.UTF8.GetString(Write([SampleUsers.Rich()]));

        var addresses = text.IndexOf("<addresses>", StringComparison.Ordinal);
        var emails = text.IndexOf("<emails>", StringComparison.Ordinal);
        var phones = text.IndexOf("<phones>", StringComparison.Ordinal);
        Assert.True(addresses >= 0 && addresses < emails && emails < phones);
    }

    [Fact]
    public void Read_back_gives_the_same_users_field_for_field()
    {
        var original = new[] { SampleUsers.Rich(1), SampleUsers.Rich(2) };
        var bytes = Write(original);

        var records = AlmaUsersReader.Read(new MemoryStream(bytes)).ToList();

        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Empty(r.Issues));
        var user = records[0].User;
        Assert.Equal("O'Brien & Søn <Jr>", user.LastName);
        Assert.Equal("3598 N. Buckingham Road\nBuilding \"C\"", user.ContactInfo!.Addresses[0].Line1);
        Assert.Equal(new AlmaCode("home", "Home"), user.ContactInfo.Addresses[0].AddressTypes[0]);
        Assert.True(user.ContactInfo.Phones[0].PreferredSms);
        Assert.Equal(new DateOnly(1980, 2, 29), user.BirthDate);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), user.UserBlocks[0].CreatedDate);
        Assert.Equal(["210000000001", "F00000001", "Ω-ünïcödé-🙂"], user.GetIdentifiers().Select(i => i.Value));
        Assert.Equal((3, 5), (records[0].LineNumber, records[1].LineNumber)); // the first user's address holds a line break

        // Everything else: writing what was read gives the same bytes.
        Assert.Equal(bytes, Write(records.Select(r => r.User)));
    }

    [Fact]
    public void Dates_carry_a_trailing_Z_only_when_the_utc_style_is_chosen()
    {
        Assert.False(AlmaUsersWriter.UtcDateSuffix);
        using var stream = new MemoryStream();
        using (var emitter = new AlmaIntegrationKit.Xml.AlmaXmlEmitter(stream, leaveOpen: true))
            emitter.Date(new DateOnly(2030, 1, 16), utcSuffix: true);
        Assert.Equal("2030-01-16Z", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void A_record_with_a_character_xml_cannot_carry_is_rejected_with_its_path_and_nothing_of_it_is_written()
    {
        var bad = SampleUsers.Rich(2);
        bad.ContactInfo!.Emails[1].Description = "tab\tok but bell \u0007 not";
        bad.MiddleName = "\uFFFF";

        using var stream = new MemoryStream();
        using (var writer = new AlmaUsersWriter(stream, leaveOpen: true))
        {
            var issues = new List<ValidationIssue>();
            Assert.True(writer.TryWrite(SampleUsers.Rich(1), issues));
            Assert.False(writer.TryWrite(bad, issues));
            Assert.True(writer.TryWrite(SampleUsers.Rich(3), issues));
            writer.Complete();
            Assert.Equal(2, writer.Count);
            Assert.Equal(["contact_info/emails/email[2]/description", "middle_name"], issues.Select(i => i.Path).Order(StringComparer.Ordinal));
            Assert.All(issues, i => Assert.Equal(ValidationRules.XmlCharacter, i.Rule));
        }

        stream.Position = 0;
        Assert.Empty(PublishedSchemaSet.Validate(stream));
        stream.Position = 0;
        Assert.Equal(["jdoe1@foothill.edu", "jdoe3@foothill.edu"], AlmaUsersReader.Read(stream).Select(r => r.User.PrimaryId));
    }

    [Fact]
    public void A_record_larger_than_the_writer_buffer_is_written_whole()
    {
        var user = SampleUsers.Rich();
        for (var i = 0; i < 60; i++)
            user.UserNotes.Add(new UserNote { NoteType = new AlmaCode("OTHER"), NoteText = new string('é', 2000) });

        var bytes = Write([user, SampleUsers.Rich(2)]);

        Assert.Empty(PublishedSchemaSet.Validate(new MemoryStream(bytes)));
        Assert.Equal(61, AlmaUsersReader.Read(new MemoryStream(bytes)).First().User.UserNotes.Count);
    }

    [Fact]
    public void The_reader_takes_xs_all_children_in_any_order_and_reports_problems_on_the_record()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <users>
              <user>
                <last_name>Ng</last_name>
                <primary_id>ng1</primary_id>
                <birth_date>2030-13-45</birth_date>
                <expiry_date>2030-01-16Z</expiry_date>
                <favourite_colour>blue</favourite_colour>
                <is_researcher>maybe</is_researcher>
                <contact_info><emails><email preferred="true"><email_types/><email_address>ng@x.edu</email_address></email></emails><addresses/></contact_info>
              </user>
            </users>
            """;

        var record = Assert.Single(AlmaUsersReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml))));

        Assert.Equal("ng1", record.User.PrimaryId);
        Assert.Equal(new DateOnly(2030, 1, 16), record.User.ExpiryDate);
        Assert.Equal("ng@x.edu", record.User.ContactInfo!.Emails[0].EmailAddress);
        Assert.Equal(3, record.LineNumber);
        Assert.Equal(
            ["birth_date data-type", "contact_info/addresses structure", "favourite_colour structure", "is_researcher data-type"],
            record.Issues.Select(i => i.Path + " " + i.Rule).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_reader_refuses_a_DTD()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE users [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><users><user><last_name>&x;</last_name></user></users>";

        Assert.Throws<System.Xml.XmlException>(() => AlmaUsersReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml))).ToList());
    }

    // The generated reader runs over the UTF-8 AlmaXmlReader (values read straight from the bytes where they are
    // plain) or, for any other encoding, over XmlReader. Both must give the same users and the same issues.
    private static byte[] InUtf16(byte[] utf8Document)
    {
        var text = Encoding.UTF8.GetString(utf8Document).Replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", StringComparison.Ordinal);
        return [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)];
    }

    [Fact]
    public void A_utf16_file_reads_back_as_the_same_users_as_its_utf8_original()
    {
        var bytes = Write([SampleUsers.Rich(1), SampleUsers.Rich(2), new User { PrimaryId = "minimal" }]);

        var fromUtf8 = AlmaUsersReader.Read(new MemoryStream(bytes)).ToList();
        var fromUtf16 = AlmaUsersReader.Read(new MemoryStream(InUtf16(bytes))).ToList();

        Assert.Equal(fromUtf8.Select(r => r.LineNumber), fromUtf16.Select(r => r.LineNumber));
        Assert.All(fromUtf16, r => Assert.Empty(r.Issues));
        Assert.Equal(bytes, Write(fromUtf16.Select(r => r.User)));
        Assert.Equal(bytes, Write(fromUtf8.Select(r => r.User)));
    }

    [Fact]
    public void Content_the_fast_path_declines_reads_the_same_in_utf8_and_utf16()
    {
        // References, comments, CDATA, padding, line breaks, an end tag with a space, an empty and a blank element,
        // a non-ASCII value, an invalid date, an unknown element and attribute: each either takes the one-step
        // read of the UTF-8 reader or falls back to reading node by node.
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <users>
              <user>
                <primary_id>  </primary_id>
                <first_name><![CDATA[A<B]]></first_name>
                <middle_name></middle_name>
                <last_name>O&apos;Brien<!-- a comment --> Jr</last_name>
                <user_title/>
                <job_description>line one
            line two</job_description>
                <user_group desc="Faculty &amp; staff">FACULTY</user_group >
                <campus_code desc="Main">MAIN</campus_code>
                <preferred_language desc="Français">fr</preferred_language>
                <birth_date> 1980-02-29 </birth_date>
                <expiry_date>2031-02-29</expiry_date>
                <purge_date>2033-02-29</purge_date>
                <status_date>2030-01-16+02:00</status_date>
                <pin_number>Ω-ünïcödé-🙂</pin_number>
                <favourite_colour>blue</favourite_colour>
                <contact_info colour="red"><emails><email preferred="true" segment_type="External"><email_types><email_type desc="Personal">personal</email_type></email_types><email_address>ng@x.edu</email_address></email></emails></contact_info>
              </user>
              <user><primary_id>second</primary_id><birth_date>2001-01-01</birth_date></user>
            </users>
            """;
        var utf8 = Encoding.UTF8.GetBytes(xml);

        var fromUtf8 = AlmaUsersReader.Read(new MemoryStream(utf8)).ToList();
        var fromUtf16 = AlmaUsersReader.Read(new MemoryStream(InUtf16(utf8))).ToList();

        var user = fromUtf8[0].User;
        Assert.Equal(string.Empty, user.PrimaryId);
        Assert.Equal("A<B", user.FirstName);
        Assert.Equal(string.Empty, user.MiddleName);
        Assert.Equal("O'Brien Jr", user.LastName);
        Assert.Equal("line one\nline two", user.JobDescription);
        Assert.Equal(new AlmaCode("FACULTY", "Faculty & staff"), user.UserGroup);
        Assert.Equal(new AlmaCode("fr", "Français"), user.PreferredLanguage);
        Assert.Equal(new DateOnly(1980, 2, 29), user.BirthDate);
        Assert.Null(user.ExpiryDate);
        Assert.Equal(new DateOnly(2030, 1, 16), user.StatusDate);
        Assert.Equal("Ω-ünïcödé-🙂", user.PinNumber);
        Assert.Equal(new AlmaCode("personal", "Personal"), user.ContactInfo!.Emails[0].EmailTypes[0]);
        Assert.Equal(new DateOnly(2001, 1, 1), fromUtf8[1].User.BirthDate);
        Assert.Equal(
            ["contact_info/@colour structure", "expiry_date data-type", "favourite_colour structure", "purge_date data-type"],
            fromUtf8[0].Issues.Select(i => i.Path + " " + i.Rule).Order(StringComparer.Ordinal));

        Assert.Equal(fromUtf8.Select(r => (r.LineNumber, Issues: string.Join("; ", r.Issues))), fromUtf16.Select(r => (r.LineNumber, Issues: string.Join("; ", r.Issues))));
        Assert.Equal(Write(fromUtf8.Select(r => r.User), requireWritten: false), Write(fromUtf16.Select(r => r.User), requireWritten: false));
    }
}
