using AlmaIntegrationKit.Benchmarks.Alma;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Benchmarks.EndToEnd;

/// <summary>
/// The college mapper of the end-to-end benchmark, as a college writes it: login_id is the primary_id, person_id the
/// UNIV_ID identifier, barcode the BARCODE identifier, plus names, birth date, one address, email and phone. The
/// pipeline adds user group, campus, expiry, purge and status from the mapping file. The plain exporter maps the
/// same fields.
/// </summary>
internal sealed class BenchPatronMapper : IPatronMapper<User>
{
    public User Map(PatronRow row, PatronMappingContext context)
    {
        var user = new User
        {
            PrimaryId = row.LoginId,
            FirstName = row.FirstName,
            MiddleName = row.MiddleName,
            LastName = row.LastName,
            PrefFirstName = row.PreferredFirstName,
            BirthDate = row.BirthDate,
        };

        var contact = new ContactInfo();
        if (row.AddressLine1 is not null)
        {
            var address = new Address
            {
                Preferred = true,
                Line1 = row.AddressLine1,
                Line2 = row.AddressLine2,
                City = row.City,
                StateProvince = row.State,
                PostalCode = row.PostalCode,
                Country = row.Country is null ? null : new AlmaCode(row.Country),
            };
            address.AddressTypes.Add(new AlmaCode("home"));
            contact.Addresses.Add(address);
        }

        if (row.Email is not null)
        {
            var email = new Email { EmailAddress = row.Email, Preferred = true };
            email.EmailTypes.Add(new AlmaCode("school"));
            contact.Emails.Add(email);
        }

        if (row.Phone is not null)
        {
            var phone = new Phone { PhoneNumber = row.Phone, Preferred = true };
            phone.PhoneTypes.Add(new AlmaCode("mobile"));
            contact.Phones.Add(phone);
        }

        user.ContactInfo = contact;
        user.UserIdentifiers.Add(new UserIdentifier { IdType = new AlmaCode("UNIV_ID"), Value = row.PersonId });
        if (row.Barcode is not null)
            user.UserIdentifiers.Add(new UserIdentifier { IdType = new AlmaCode("BARCODE"), Value = row.Barcode });
        return user;
    }
}
