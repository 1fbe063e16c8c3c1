using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Sources;
using AlmaIntegrationKit.State;
using AlmaIntegrationKit.Tests.Alma;

namespace AlmaIntegrationKit.Tests.Export;

/// <summary>
/// A college mapper as a college would write it: login_id is the primary_id, person_id the UNIV_ID identifier,
/// barcode the BARCODE identifier. A first name of <c>THROW</c> makes it throw; <c>WARN</c> sets full_name,
/// which the SIS load ignores (a warning).
/// </summary>
internal sealed class TestPatronMapper : IPatronMapper<User>
{
    public const string UniversityId = "UNIV_ID";

    public User Map(PatronRow row, PatronMappingContext context)
    {
        if (row.FirstName == "THROW")
            throw new InvalidOperationException("the mapper refuses this row");
        var user = new User
        {
            PrimaryId = row.LoginId,
            FirstName = row.FirstName,
            LastName = row.LastName,
            BirthDate = row.BirthDate,
            Status = row.Status is null ? null : new AlmaCode(row.Status),
            FullName = row.FirstName == "WARN" ? row.FirstName + " " + row.LastName : null,
        };
        user.UserIdentifiers.Add(new UserIdentifier { IdType = UniversityId, Value = row.PersonId });
        if (row.Barcode is not null)
            user.UserIdentifiers.Add(new UserIdentifier { IdType = "BARCODE", Value = row.Barcode });
        if (row.Email is not null)
        {
            user.ContactInfo = new ContactInfo();
            user.ContactInfo.Emails.Add(new Email { EmailAddress = row.Email, Preferred = true });
            user.ContactInfo.Emails[0].EmailTypes.Add("personal");
        }

        if (row.Phone is not null)
        {
            user.ContactInfo ??= new ContactInfo();
            user.ContactInfo.Phones.Add(new Phone { PhoneNumber = row.Phone, Preferred = true, PhoneTypes = { new AlmaCode("home") } });
        }

        if (row.AddressLine1 is not null)
        {
            user.ContactInfo ??= new ContactInfo();
            user.ContactInfo.Addresses.Add(new Address { Line1 = row.AddressLine1, City = row.City, Preferred = true, AddressTypes = { new AlmaCode("home") } });
        }

        return user;
    }

    public void CompleteLeaver(User leaver, SentUser sent)
    {
        if (sent.MatchIdType is not null && sent.MatchIdValue is not null)
            leaver.UserIdentifiers.Add(new UserIdentifier { IdType = sent.MatchIdType, Value = sent.MatchIdValue });
    }
}
