using System.Text;
using AlmaIntegrationKit.Generators.Tests.Alma;
using AlmaIntegrationKit.Generators.Tests.Infrastructure;

namespace AlmaIntegrationKit.Generators.Tests.Behaviour;

/// <summary>Write rich users, validate the file with XmlSchemaSet against the published schema, read it back, compare.</summary>
public class WriteValidateReadTests
{
    private static byte[] Write(IEnumerable<User> users)
    {
        using var stream = new MemoryStream();
        using (var writer = new AlmaUsersWriter(stream, leaveOpen: true))
        {
            foreach (var user in users)
            {
                var issues = new List<ValidationIssue>();
                Assert.True(writer.TryWrite(user, issues), string.Join("; ", issues));
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
}
