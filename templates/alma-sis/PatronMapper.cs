using AlmaIntegrationKit;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Sources;
using AlmaSis.Template.Alma;

namespace AlmaSis.Template;

/// <summary>
/// How one canonical patron row (what the SIS extract produces, see Extract/) becomes an Alma user. This is the file
/// the college owns: which value Alma matches and logs people in on, which identifiers it sends, which contact types.
/// It maps every canonical column, the optional ones too (work address, email and phone, additional barcodes,
/// statistical categories, note, preferred names and language); a column the extract does not produce is simply empty.
/// </summary>
/// <remarks>
/// The matching ID (primary_id, and the identifier that goes with it) is in PatronMapper.MatchingId.cs.
/// What this mapper leaves null, the export pipeline fills from alma-user-groups.csv: user_group with its label,
/// campus_code, expiry_date, purge_date; and status ACTIVE.
/// Columns of your own (any column of the extract that is not canonical) are read by name: row["major"] gives its text,
/// row.Date("enrolled_on") a date written yyyy-MM-dd, row.List("programs") the values separated by |. A column the
/// mapper never reads is listed once per run in the log, so a typo in a header shows.
/// </remarks>
public sealed partial class PatronMapper : IPatronMapper<User>
{
    // Alma code-table values this project sends (Alma: Configuration > User Management). Use your institution's codes.
    /// <summary>Identifier type of the library card barcode (Alma code table UserIdentifierTypes).</summary>
    public const string BarcodeIdType = "BARCODE";

    /// <summary>Email type (code table EmailTypes).</summary>
    public const string EmailType = "school";

    /// <summary>Phone type (code table PhoneTypes).</summary>
    public const string PhoneType = "mobile";

    /// <summary>Address type (code table AddressTypes).</summary>
    public const string AddressType = "home";

    /// <summary>Address type of the work address (code table AddressTypes).</summary>
    public const string WorkAddressType = "work";

    /// <summary>Email type of the work email (code table EmailTypes).</summary>
    public const string WorkEmailType = "work";

    /// <summary>Phone type of the work phone (code table PhoneTypes).</summary>
    public const string WorkPhoneType = "office";

    /// <summary>Note type of the SIS note (code table NoteTypes).</summary>
    public const string NoteType = "OTHER";

    /// <inheritdoc />
    public User Map(PatronRow row, PatronMappingContext context)
    {
        var user = new User
        {
            // The matching ID: see PatronMapper.MatchingId.cs.
            PrimaryId = PrimaryIdOf(row),
            FirstName = row.FirstName,
            MiddleName = row.MiddleName,
            LastName = row.LastName,
            PrefFirstName = row.PreferredFirstName,
            PrefMiddleName = row.PreferredMiddleName,
            PrefLastName = row.PreferredLastName,
            JobDescription = row.JobDescription,
            BirthDate = row.BirthDate,

            // The row's language, else the one of Export:PreferredLanguage (code table UserPreferredLanguage).
            PreferredLanguage = Code(row.PreferredLanguage ?? context.Feed.PreferredLanguage),

            // People the SIS marks inactive stay in the feed (SIS never deletes) but lose their privileges. Null
            // means ACTIVE. user_group, campus_code, expiry_date and purge_date come from alma-user-groups.csv.
            Status = IsInactive(row) ? new AlmaCode("INACTIVE") : null,
        };

        // Identifiers, so that staff find people by another ID or by the card they hold. Every identifier value must
        // be unique across the whole feed; the pipeline rejects the second holder of a value (rule duplicate-id).
        AddMatchingIdentifiers(user, row);
        if (row.Barcode is not null)
            user.UserIdentifiers.Add(new UserIdentifier { IdType = BarcodeIdType, Value = row.Barcode });
        foreach (var barcode in row.List(PatronColumns.AdditionalBarcodes))
            user.UserIdentifiers.Add(new UserIdentifier { IdType = BarcodeIdType, Value = barcode });

        user.ContactInfo = Contact(row);

        // Notes and statistics of the SIS load are "External" segments (segment_type is not sent: the SIS load ignores
        // it): each load replaces them, and what library staff add in Alma is kept.
        AddStatistics(user, row);
        if (row.Note is not null)
            user.UserNotes.Add(new UserNote { NoteType = new AlmaCode(NoteType), NoteText = row.Note, UserViewable = false });

        // Resource-sharing libraries, the same for everyone (Export:RsLibraries).
        foreach (var library in context.Feed.RsLibraries)
            user.RsLibraries.Add(new RsLibrary { Code = new AlmaCode(library) });

        // A column of your own, e.g. the student's major as a statistical category:
        // if (row["major"] is { } major)
        //     user.UserStatistics.Add(new UserStatistic { StatisticCategory = new AlmaCode(major), CategoryType = new AlmaCode("MAJOR") });
        return user;
    }

    /// <summary>statistical_categories: each value CATEGORY or TYPE:CATEGORY (code tables UserStatisticalCategories and UserStatisticalTypes).</summary>
    public static void AddStatistics(User user, PatronRow row)
    {
        foreach (var value in row.List(PatronColumns.StatisticalCategories))
        {
            var colon = value.IndexOf(':', StringComparison.Ordinal);
            user.UserStatistics.Add(new UserStatistic
            {
                StatisticCategory = new AlmaCode(colon < 0 ? value : value[(colon + 1)..].Trim()),
                CategoryType = colon < 0 ? null : new AlmaCode(value[..colon].Trim()),
            });
        }
    }

    private static AlmaCode? Code(string? code) => code is null ? null : new AlmaCode(code);

    /// <summary>Whether the SIS says the person is no longer active.</summary>
    public static bool IsInactive(PatronRow row) => string.Equals(row.Status, "INACTIVE", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The home address, email and phone, each the preferred one, and the work ones (not preferred); null when the row
    /// has none of them.
    /// </summary>
    public static ContactInfo? Contact(PatronRow row)
    {
        var contact = new ContactInfo();
        if (row.AddressLine1 is not null || row.City is not null || row.PostalCode is not null)
        {
            var address = new Address
            {
                Line1 = row.AddressLine1,
                Line2 = row.AddressLine2,
                City = row.City,
                StateProvince = row.State,
                PostalCode = row.PostalCode,
                Country = Code(row.Country),
                Preferred = true,

                // More lines from columns of your own, e.g.: Line3 = row.HasColumn("address_line3") ? row["address_line3"] : null,
            };
            address.AddressTypes.Add(AddressType);
            contact.Addresses.Add(address);
        }

        if (row.WorkAddressLine1 is not null || row.WorkCity is not null || row.WorkPostalCode is not null)
        {
            var work = new Address
            {
                Line1 = row.WorkAddressLine1,
                Line2 = row.WorkAddressLine2,
                City = row.WorkCity,
                StateProvince = row.WorkState,
                PostalCode = row.WorkPostalCode,
                Country = Code(row.WorkCountry),
                Preferred = false,
            };
            work.AddressTypes.Add(WorkAddressType);
            contact.Addresses.Add(work);
        }

        if (row.Email is not null)
        {
            var email = new Email { EmailAddress = row.Email, Preferred = true };
            email.EmailTypes.Add(EmailType);
            contact.Emails.Add(email);
        }

        if (row.Phone is not null)
        {
            var phone = new Phone { PhoneNumber = row.Phone, Preferred = true };
            phone.PhoneTypes.Add(PhoneType);
            contact.Phones.Add(phone);
        }

        if (row.WorkEmail is not null)
        {
            var email = new Email { EmailAddress = row.WorkEmail, Preferred = false };
            email.EmailTypes.Add(WorkEmailType);
            contact.Emails.Add(email);
        }

        if (row.WorkPhone is not null)
        {
            var phone = new Phone { PhoneNumber = row.WorkPhone, Preferred = false };
            phone.PhoneTypes.Add(WorkPhoneType);
            contact.Phones.Add(phone);
        }

        return contact.Addresses.Count + contact.Emails.Count + contact.Phones.Count == 0 ? null : contact;
    }
}
