using AlmaIntegrationKit;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Sources;
using AlmaSis.Template.Alma;

namespace AlmaSis.Template;

/// <summary>
/// How one canonical patron row (what the SIS extract produces, see Extract/) becomes an Alma user. This is the file
/// the college owns: which value Alma matches and logs people in on, which identifiers it sends, which contact types.
/// </summary>
/// <remarks>
/// The matching ID (primary_id, and the identifier that goes with it) is in PatronMapper.MatchingId.cs.
/// What this mapper leaves null, the export pipeline fills from alma-user-groups.csv: user_group with its label,
/// campus_code, expiry_date, purge_date; and status ACTIVE.
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
            BirthDate = row.BirthDate,

            // People the SIS marks inactive stay in the feed (SIS never deletes) but lose their privileges. Null
            // means ACTIVE. user_group, campus_code, expiry_date and purge_date come from alma-user-groups.csv.
            Status = IsInactive(row) ? new AlmaCode("INACTIVE") : null,
        };

        // Identifiers, so that staff find people by another ID or by the card they hold. Every identifier value must
        // be unique across the whole feed; the pipeline rejects the second holder of a value (rule duplicate-id).
        AddMatchingIdentifiers(user, row);
        if (row.Barcode is not null)
            user.UserIdentifiers.Add(new UserIdentifier { IdType = BarcodeIdType, Value = row.Barcode });

        user.ContactInfo = Contact(row);
        return user;
    }

    /// <summary>Whether the SIS says the person is no longer active.</summary>
    public static bool IsInactive(PatronRow row) => string.Equals(row.Status, "INACTIVE", StringComparison.OrdinalIgnoreCase);

    /// <summary>One address, email and phone, each the preferred one; null when the row has none of them.</summary>
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
                Country = row.Country is null ? null : new AlmaCode(row.Country),
                Preferred = true,
            };
            address.AddressTypes.Add(AddressType);
            contact.Addresses.Add(address);
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

        return contact.Addresses.Count + contact.Emails.Count + contact.Phones.Count == 0 ? null : contact;
    }
}
