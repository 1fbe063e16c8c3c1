using AlmaIntegrationKit;
using AlmaIntegrationKit.Sources;
using SampleCollege.Alma;

namespace SampleCollege;

/// <summary>
/// Turns one canonical patron row (what the SIS extract produces) into an Alma user. This is the file a college
/// changes: which ID Alma matches on, which identifiers it sends, which contact types it uses.
/// </summary>
public sealed class PatronMapper
{
    // Alma code-table values this college uses (Configuration > User Management in Alma).
    private const string BarcodeIdType = "BARCODE";
    private const string UniversityIdType = "UNIV_ID";
    private const string SchoolEmailType = "school";
    private const string MobilePhoneType = "mobile";
    private const string HomeAddressType = "home";

    private readonly UserGroupMap _groups;
    private readonly DateOnly _runDate;

    /// <param name="groups">The generated map of alma-user-groups.csv (<see cref="AlmaUserGroups.Map"/>).</param>
    /// <param name="runDate">Today: expiry counts from it when a row has no term end date.</param>
    public PatronMapper(UserGroupMap groups, DateOnly runDate)
    {
        _groups = groups;
        _runDate = runDate;
    }

    /// <summary>
    /// Maps <paramref name="row"/>. Returns null, with the reason in <paramref name="issues"/>, when the row cannot
    /// become a user at all (its patron type is not in the mapping file).
    /// </summary>
    public User? Map(PatronRow row, ICollection<ValidationIssue> issues)
    {
        // The user group, its label, and how long the account lives, all come from the mapping file.
        if (!_groups.TryGetBySisCode(row.PatronType, out var rule))
        {
            var suggestion = _groups.SuggestSisCode(row.PatronType);
            issues.Add(new ValidationIssue(
                "user_group",
                "unknown-patron-type",
                $"Patron type '{row.PatronType}' is not in alma-user-groups.csv" + (suggestion is null ? "." : $"; did you mean '{suggestion}'?")));
            return null;
        }

        // Expiry: term end (or today) + the group's expiry period. Purge: expiry + the group's purge period.
        var expiry = rule.ExpiryDate(row.TermEndDate, _runDate);

        var user = new User
        {
            // Alma matches and logs people in on primary_id: the SSO login when the SIS has one, else the person ID.
            PrimaryId = row.LoginId ?? row.PersonId,
            FirstName = row.FirstName,
            MiddleName = row.MiddleName,
            LastName = row.LastName,
            PrefFirstName = row.PreferredFirstName,
            BirthDate = row.BirthDate,
            UserGroup = new AlmaCode(rule.AlmaCode, rule.AlmaDesc),
            // The row's campus wins; otherwise the group's default campus, if it has one.
            CampusCode = (row.Campus ?? rule.Campus) is { } campus ? new AlmaCode(campus) : null,
            ExpiryDate = expiry,
            PurgeDate = rule.PurgeDate(expiry),
            // People the SIS marks inactive stay in the feed (SIS never deletes) but lose their privileges.
            Status = string.Equals(row.Status, "INACTIVE", StringComparison.OrdinalIgnoreCase) ? "INACTIVE" : "ACTIVE",
        };

        // Identifiers: the library card barcode and the SIS person ID, so staff can find people by either.
        if (row.Barcode is not null)
            user.UserIdentifiers.Add(new UserIdentifier { IdType = BarcodeIdType, Value = row.Barcode });
        user.UserIdentifiers.Add(new UserIdentifier { IdType = UniversityIdType, Value = row.PersonId });

        // Contact information: one of each kind, each the preferred one.
        var contact = new ContactInfo();
        if (HasAddress(row))
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
            address.AddressTypes.Add(HomeAddressType);
            contact.Addresses.Add(address);
        }

        if (row.Email is not null)
        {
            var email = new Email { EmailAddress = row.Email, Preferred = true };
            email.EmailTypes.Add(SchoolEmailType);
            contact.Emails.Add(email);
        }

        if (row.Phone is not null)
        {
            var phone = new Phone { PhoneNumber = row.Phone, Preferred = true };
            phone.PhoneTypes.Add(MobilePhoneType);
            contact.Phones.Add(phone);
        }

        if (contact.Addresses.Count + contact.Emails.Count + contact.Phones.Count > 0)
            user.ContactInfo = contact;

        return user;
    }

    private static bool HasAddress(PatronRow row) =>
        row.AddressLine1 is not null || row.AddressLine2 is not null || row.City is not null || row.PostalCode is not null;
}
