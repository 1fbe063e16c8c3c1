using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Schema;
using System.Xml.Serialization;
using AlmaIntegrationKit.Benchmarks.Alma;
using AlmaIntegrationKit.Benchmarks.Baseline;

namespace AlmaIntegrationKit.Benchmarks.Data;

/// <summary>
/// Checks run in GlobalSetup so the benchmarks measure working code: the generated writer's output reads back as the
/// same users, passes the generated validator and the real XSD, and the XmlSerializer baseline writes the same data.
/// Each failure throws.
/// </summary>
internal static class Sanity
{
    public static void Check(IReadOnlyList<User> users, XmlSchemaSet schemas, int sample = 200)
    {
        var some = users.Take(sample).ToList();

        var generated = WriteGenerated(some);
        var back = ReadBack(generated, "generated writer");
        Compare(some, back, "generated writer -> generated reader");
        RequireValid(generated, schemas, "the generated writer's output");

        var issues = new List<ValidationIssue>();
        foreach (var user in some)
            AlmaUserValidator.Validate(user, issues);
        if (issues.Count > 0)
            throw new InvalidOperationException("The benchmark users are not valid: " + string.Join("; ", issues.Take(5)));

        var serialized = WriteSerializer(SerializerModel.From(some), new XmlSerializer(typeof(XUsers)));
        Compare(some, ReadBack(serialized, "XmlSerializer"), "XmlSerializer baseline -> generated reader");
        RequireValid(serialized, schemas, "the XmlSerializer baseline's output");

        // The schema set really validates: a user without its mandatory contents must be refused.
        var broken = Encoding.UTF8.GetBytes("<users><user><primary_id>x</primary_id><nonsense/></user></users>");
        if (CountSchemaErrors(broken, schemas) == 0)
            throw new InvalidOperationException("The XmlSchemaSet baseline accepts an invalid document: it validates nothing.");
    }

    public static byte[] WriteGenerated(IEnumerable<User> users)
    {
        var stream = new MemoryStream();
        var issues = new List<ValidationIssue>();
        using (var writer = new AlmaUsersWriter(stream, leaveOpen: true))
        {
            foreach (var user in users)
            {
                if (!writer.TryWrite(user, issues))
                    throw new InvalidOperationException("The generated writer refused a benchmark user: " + string.Join("; ", issues));
            }

            writer.Complete();
        }

        return stream.ToArray();
    }

    public static byte[] WriteSerializer(XUsers users, XmlSerializer serializer)
    {
        var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, SerializerSettings))
            serializer.Serialize(writer, users, NoNamespaces);
        return stream.ToArray();
    }

    public static XmlWriterSettings SerializerSettings { get; } = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
        CloseOutput = false,
    };

    public static XmlSerializerNamespaces NoNamespaces { get; } = new([new XmlQualifiedName(string.Empty, string.Empty)]);

    public static int CountSchemaErrors(byte[] document, XmlSchemaSet schemas, List<string>? messages = null)
    {
        var errors = 0;
        var settings = AlmaSchemaSet.ValidatingSettings(schemas, (_, e) =>
        {
            errors++;
            messages?.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        });
        using var reader = XmlReader.Create(new MemoryStream(document, writable: false), settings);
        while (reader.Read())
        {
        }

        return errors;
    }

    private static void RequireValid(byte[] document, XmlSchemaSet schemas, string what)
    {
        var messages = new List<string>();
        if (CountSchemaErrors(document, schemas, messages) > 0)
            throw new InvalidOperationException($"{what} does not validate against the Ex Libris schema: " + string.Join("; ", messages.Take(5)));
    }

    private static List<User> ReadBack(byte[] document, string what)
    {
        var users = new List<User>();
        foreach (var record in AlmaUsersReader.Read(new MemoryStream(document, writable: false)))
        {
            if (record.Issues.Count > 0)
                throw new InvalidOperationException($"Reading back {what} output: " + string.Join("; ", record.Issues));
            users.Add(record.User);
        }

        return users;
    }

    private static void Compare(IReadOnlyList<User> expected, IReadOnlyList<User> actual, string what)
    {
        if (expected.Count != actual.Count)
            throw new InvalidOperationException($"{what}: {expected.Count} users written, {actual.Count} read back.");
        for (var i = 0; i < expected.Count; i++)
        {
            var want = Describe(expected[i]);
            var got = Describe(actual[i]);
            if (want != got)
                throw new InvalidOperationException($"{what}: user {i} differs.\nwritten: {want}\nread:    {got}");
        }
    }

    /// <summary>A canonical text of every field the benchmark users fill.</summary>
    public static string Describe(User u)
    {
        var b = new StringBuilder();
        b.Append(u.PrimaryId).Append('|').Append(u.FirstName).Append('|').Append(u.MiddleName).Append('|').Append(u.LastName)
            .Append('|').Append(Code(u.UserGroup)).Append('|').Append(Code(u.CampusCode)).Append('|').Append(Code(u.PreferredLanguage))
            .Append('|').Append(Date(u.BirthDate)).Append('|').Append(Date(u.ExpiryDate)).Append('|').Append(Date(u.PurgeDate))
            .Append('|').Append(Code(u.Status)).Append('|').Append(u.PrefFirstName);
        if (u.ContactInfo is { } c)
        {
            foreach (var a in c.Addresses)
            {
                b.Append("|A:").Append(a.Preferred).Append(',').Append(a.Line1).Append(',').Append(a.Line2).Append(',').Append(a.City).Append(',')
                    .Append(a.StateProvince).Append(',').Append(a.PostalCode).Append(',').Append(Code(a.Country));
                foreach (var t in a.AddressTypes)
                    b.Append(',').Append(Code(t));
            }

            foreach (var e in c.Emails)
            {
                b.Append("|E:").Append(e.Preferred).Append(',').Append(e.EmailAddress);
                foreach (var t in e.EmailTypes)
                    b.Append(',').Append(Code(t));
            }

            foreach (var p in c.Phones)
            {
                b.Append("|P:").Append(p.Preferred).Append(',').Append(p.PhoneNumber);
                foreach (var t in p.PhoneTypes)
                    b.Append(',').Append(Code(t));
            }
        }

        foreach (var i in u.UserIdentifiers)
            b.Append("|I:").Append(Code(i.IdType)).Append(',').Append(i.Value).Append(',').Append(i.Note);
        return b.ToString();
    }

    private static string Code(AlmaCode? code) => code is null ? "-" : code.Code + "(" + code.Desc + ")";

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";
}
