using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Serialization;
using AlmaIntegrationKit.Benchmarks.Baseline;
using CsvHelper;
using CsvHelper.Configuration;
using CsvHelper.Configuration.Attributes;

namespace AlmaIntegrationKit.Benchmarks.EndToEnd;

/// <summary>
/// The exporter a .NET developer writes without the kit: CsvHelper reads the rows into a POCO, each row is mapped to
/// hand-attributed classes (<see cref="XUser"/>, the same subset the writer benchmark uses), XmlSerializer writes
/// 10,000 users per XML file, ZipArchive packs 50 files per zip (default compression, i.e. Optimal). No validation, no
/// duplicate handling, no id uniqueness, no reports: whatever the SIS sends goes to Alma. Malformed lines are
/// skipped silently (CsvHelper's lenient settings) so that it gets through the same feed.
/// </summary>
internal static class PlainExporter
{
    private const int UsersPerFile = 10_000;
    private const int FilesPerZip = 50;

    private static readonly XmlSerializer Serializer = new(typeof(XUsers));

    // What a developer hard-codes from the mapping spreadsheet.
    private static readonly Dictionary<string, (string Code, string Desc, int ExpiryDays, int PurgeYears, string? Campus)> Groups =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["UG"] = ("UNDERGRAD", "Undergraduate", 30, 2, "MAIN"),
            ["GR"] = ("GRAD", "Graduate Student", 30, 2, "MAIN"),
            ["FT"] = ("FACULTY", "Faculty", 90, 3, null),
            ["ST"] = ("STAFF", "Staff", 60, 2, null),
            ["CE"] = ("COMMUNITY", "Community Borrower, Reciprocal", 365, 1, "EAST"),
        };

    /// <summary>Exports <paramref name="csvPath"/> into zips in <paramref name="outbox"/>; returns the users written.</summary>
    public static long Run(string csvPath, string outbox, DateOnly runDate)
    {
        Directory.CreateDirectory(outbox);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HeaderValidated = null,
            MissingFieldFound = null,
            BadDataFound = null,
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
        };
        using var reader = new StreamReader(csvPath, Encoding.UTF8);
        using var csv = new CsvReader(reader, configuration);

        var runDateTime = runDate.ToDateTime(TimeOnly.MinValue);
        var batch = new XUsers();
        long users = 0;
        var fileNumber = 0;
        var zipNumber = 0;
        ZipArchive? archive = null;
        try
        {
            foreach (var row in csv.GetRecords<PlainPatron>())
            {
                batch.Users.Add(Map(row, runDateTime));
                users++;
                if (batch.Users.Count == UsersPerFile)
                    Flush();
            }

            if (batch.Users.Count > 0)
                Flush();
        }
        finally
        {
            archive?.Dispose();
        }

        return users;

        void Flush()
        {
            if (archive is null || fileNumber % FilesPerZip == 0)
            {
                archive?.Dispose();
                zipNumber++;
                archive = new ZipArchive(File.Create(Path.Combine(outbox, $"01PLAIN_patrons_{zipNumber}.zip")), ZipArchiveMode.Create);
            }

            fileNumber++;
            var entry = archive.CreateEntry($"01PLAIN_patrons_{fileNumber}.xml", CompressionLevel.Optimal);
            using (var stream = entry.Open())
            using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
                Serializer.Serialize(xml, batch);
            batch.Users.Clear();
        }
    }

    private static XUser Map(PlainPatron row, DateTime runDate)
    {
        var hasGroup = Groups.TryGetValue(row.PatronType ?? "", out var group);
        var termEnd = DateTime.TryParseExact(row.TermEndDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : runDate;
        var expiry = termEnd.AddDays(hasGroup ? group.ExpiryDays : 30);
        var user = new XUser
        {
            PrimaryId = row.LoginId,
            FirstName = row.FirstName,
            MiddleName = NullIfEmpty(row.MiddleName),
            LastName = row.LastName,
            UserGroup = hasGroup ? new XCode { Code = group.Code, Desc = group.Desc } : new XCode { Code = row.PatronType ?? "" },
            CampusCode = NullIfEmpty(row.Campus) is { } campus ? new XCode { Code = campus } : hasGroup && group.Campus is not null ? new XCode { Code = group.Campus } : null,
            BirthDate = DateTime.TryParseExact(row.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var b) ? b : default,
            ExpiryDate = expiry,
            PurgeDate = expiry.AddYears(hasGroup ? group.PurgeYears : 1),
            Status = new XCode { Code = "ACTIVE" },
            PrefFirstName = NullIfEmpty(row.PreferredFirstName),
            ContactInfo = new XContactInfo(),
        };

        if (!string.IsNullOrEmpty(row.AddressLine1))
        {
            var address = new XAddress
            {
                Preferred = true,
                PreferredSpecified = true,
                Line1 = row.AddressLine1,
                Line2 = NullIfEmpty(row.AddressLine2),
                City = row.City,
                StateProvince = row.State,
                PostalCode = row.PostalCode,
                Country = string.IsNullOrEmpty(row.Country) ? null : new XCode { Code = row.Country },
            };
            address.AddressTypes.Add(new XCode { Code = "home" });
            user.ContactInfo.Addresses.Add(address);
        }

        if (!string.IsNullOrEmpty(row.Email))
        {
            var email = new XEmail { EmailAddress = row.Email, Preferred = true, PreferredSpecified = true };
            email.EmailTypes.Add(new XCode { Code = "school" });
            user.ContactInfo.Emails.Add(email);
        }

        if (!string.IsNullOrEmpty(row.Phone))
        {
            var phone = new XPhone { PhoneNumber = row.Phone, Preferred = true, PreferredSpecified = true };
            phone.PhoneTypes.Add(new XCode { Code = "mobile" });
            user.ContactInfo.Phones.Add(phone);
        }

        user.UserIdentifiers.Add(new XUserIdentifier { IdType = new XCode { Code = "UNIV_ID" }, Value = row.PersonId ?? "" });
        if (!string.IsNullOrEmpty(row.Barcode))
            user.UserIdentifiers.Add(new XUserIdentifier { IdType = new XCode { Code = "BARCODE" }, Value = row.Barcode });
        return user;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>The CSV row as the plain exporter reads it (CsvHelper maps by header name).</summary>
internal sealed class PlainPatron
{
    [Name("person_id")] public string? PersonId { get; set; }
    [Name("login_id")] public string? LoginId { get; set; }
    [Name("barcode")] public string? Barcode { get; set; }
    [Name("first_name")] public string? FirstName { get; set; }
    [Name("middle_name")] public string? MiddleName { get; set; }
    [Name("last_name")] public string? LastName { get; set; }
    [Name("preferred_first_name")] public string? PreferredFirstName { get; set; }
    [Name("email")] public string? Email { get; set; }
    [Name("phone")] public string? Phone { get; set; }
    [Name("address_line1")] public string? AddressLine1 { get; set; }
    [Name("address_line2")] public string? AddressLine2 { get; set; }
    [Name("city")] public string? City { get; set; }
    [Name("state")] public string? State { get; set; }
    [Name("postal_code")] public string? PostalCode { get; set; }
    [Name("country")] public string? Country { get; set; }
    [Name("patron_type")] public string? PatronType { get; set; }
    [Name("campus")] public string? Campus { get; set; }
    [Name("term_end_date")] public string? TermEndDate { get; set; }
    [Name("birth_date")] public string? BirthDate { get; set; }
    [Name("status")] public string? Status { get; set; }
}
