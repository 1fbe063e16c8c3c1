using AlmaIntegrationKit.Benchmarks.Alma;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Benchmarks.EndToEnd;

/// <summary>
/// The college mapper of the end-to-end benchmark, as a college writes it: login_id is the primary_id, person_id the
/// UNIV_ID identifier, barcode the BARCODE identifier, plus names, birth date, one address, email and phone. The
/// pipeline adds user group, campus, expiry, purge and status from the mapping file. The plain exporter maps the
/// same fields. The optional canonical columns, when the feed has them (<c>--wide</c>), are mapped as the template's
/// PatronMapper.cs maps them, and the college's own <c>major</c> column is read by name; the plain exporter does not
/// write those.
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
            PrefMiddleName = row.PreferredMiddleName,
            PrefLastName = row.PreferredLastName,
            JobDescription = row.JobDescription,
            PreferredLanguage = row.PreferredLanguage is null ? null : new AlmaCode(row.PreferredLanguage),
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

        AddWorkContact(contact, row);
        user.ContactInfo = contact;
        user.UserIdentifiers.Add(new UserIdentifier { IdType = new AlmaCode("UNIV_ID"), Value = row.PersonId });
        if (row.Barcode is not null)
            user.UserIdentifiers.Add(new UserIdentifier { IdType = new AlmaCode("BARCODE"), Value = row.Barcode });
        if (row.AdditionalBarcodes is not null)
        {
            foreach (var barcode in row.List(PatronColumns.AdditionalBarcodes))
                user.UserIdentifiers.Add(new UserIdentifier { IdType = new AlmaCode("BARCODE"), Value = barcode });
        }

        if (row.StatisticalCategories is not null)
        {
            foreach (var value in row.List(PatronColumns.StatisticalCategories))
            {
                var colon = value.IndexOf(':', StringComparison.Ordinal);
                user.UserStatistics.Add(new UserStatistic
                {
                    StatisticCategory = new AlmaCode(colon < 0 ? value : value[(colon + 1)..]),
                    CategoryType = colon < 0 ? null : new AlmaCode(value[..colon]),
                });
            }
        }

        if (row.Note is not null)
            user.UserNotes.Add(new UserNote { NoteType = new AlmaCode("OTHER"), NoteText = row.Note });
        if (row.HasColumn("major") && row["major"] is { } major)
            user.UserStatistics.Add(new UserStatistic { StatisticCategory = new AlmaCode(major), CategoryType = new AlmaCode("PROGRAM") });
        return user;
    }

    private static void AddWorkContact(ContactInfo contact, PatronRow row)
    {
        if (row.WorkAddressLine1 is not null)
        {
            var work = new Address
            {
                Preferred = false,
                Line1 = row.WorkAddressLine1,
                Line2 = row.WorkAddressLine2,
                City = row.WorkCity,
                StateProvince = row.WorkState,
                PostalCode = row.WorkPostalCode,
                Country = row.WorkCountry is null ? null : new AlmaCode(row.WorkCountry),
            };
            work.AddressTypes.Add(new AlmaCode("work"));
            contact.Addresses.Add(work);
        }

        if (row.WorkEmail is not null)
        {
            var email = new Email { EmailAddress = row.WorkEmail, Preferred = false };
            email.EmailTypes.Add(new AlmaCode("work"));
            contact.Emails.Add(email);
        }

        if (row.WorkPhone is not null)
        {
            var phone = new Phone { PhoneNumber = row.WorkPhone, Preferred = false };
            phone.PhoneTypes.Add(new AlmaCode("office"));
            contact.Phones.Add(phone);
        }
    }
}
