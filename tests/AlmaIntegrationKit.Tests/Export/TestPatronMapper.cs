using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Sources;
using AlmaIntegrationKit.State;
using AlmaIntegrationKit.Tests.Alma;

namespace AlmaIntegrationKit.Tests.Export;

/// <summary>
/// A college mapper as a college would write it: login_id is the primary_id, person_id the UNIV_ID identifier,
/// barcode the BARCODE identifier. A first name of <c>THROW</c> makes it throw; <c>WARN</c> sets full_name,
/// which the SIS load ignores (a warning). The optional canonical columns and the feed constants are mapped as the
/// template's PatronMapper.cs maps them (keep the two in step); the source column <c>major</c>, when there is one,
/// becomes a statistical category of type MAJOR.
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
            PrefMiddleName = row.PreferredMiddleName,
            PrefLastName = row.PreferredLastName,
            JobDescription = row.JobDescription,
            PreferredLanguage = Code(row.PreferredLanguage ?? context.Feed.PreferredLanguage),
            Status = row.Status is null ? null : new AlmaCode(row.Status),
            FullName = row.FirstName == "WARN" ? row.FirstName + " " + row.LastName : null,
        };
        user.UserIdentifiers.Add(new UserIdentifier { IdType = UniversityId, Value = row.PersonId });
        if (row.Barcode is not null)
            user.UserIdentifiers.Add(new UserIdentifier { IdType = "BARCODE", Value = row.Barcode });
        foreach (var barcode in row.List(PatronColumns.AdditionalBarcodes))
            user.UserIdentifiers.Add(new UserIdentifier { IdType = "BARCODE", Value = barcode });
        if (row.Email is not null)
        {
            user.ContactInfo = new ContactInfo();
            user.ContactInfo.Emails.Add(new Email { EmailAddress = row.Email, Preferred = true });
            user.ContactInfo.Emails[0].EmailTypes.Add("personal");
        }

        AddWorkContact(user, row);
        foreach (var value in row.List(PatronColumns.StatisticalCategories))
        {
            var colon = value.IndexOf(':', StringComparison.Ordinal);
            user.UserStatistics.Add(new UserStatistic
            {
                StatisticCategory = new AlmaCode(colon < 0 ? value : value[(colon + 1)..].Trim()),
                CategoryType = colon < 0 ? null : new AlmaCode(value[..colon].Trim()),
            });
        }

        if (row.HasColumn("major") && row["major"] is { } major)
            user.UserStatistics.Add(new UserStatistic { StatisticCategory = new AlmaCode(major), CategoryType = new AlmaCode("MAJOR") });
        if (row.Note is not null)
            user.UserNotes.Add(new UserNote { NoteType = new AlmaCode("OTHER"), NoteText = row.Note, UserViewable = false });
        foreach (var library in context.Feed.RsLibraries)
            user.RsLibraries.Add(new RsLibrary { Code = new AlmaCode(library) });
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

    private static void AddWorkContact(User user, PatronRow row)
    {
        if (row.WorkAddressLine1 is null && row.WorkCity is null && row.WorkPostalCode is null && row.WorkEmail is null && row.WorkPhone is null)
            return;
        var contact = user.ContactInfo ??= new ContactInfo();
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
            work.AddressTypes.Add("work");
            contact.Addresses.Add(work);
        }

        if (row.WorkEmail is not null)
        {
            var email = new Email { EmailAddress = row.WorkEmail, Preferred = false };
            email.EmailTypes.Add("work");
            contact.Emails.Add(email);
        }

        if (row.WorkPhone is not null)
        {
            var phone = new Phone { PhoneNumber = row.WorkPhone, Preferred = false };
            phone.PhoneTypes.Add("office");
            contact.Phones.Add(phone);
        }
    }

    private static AlmaCode? Code(string? code) => code is null ? null : new AlmaCode(code);
}
