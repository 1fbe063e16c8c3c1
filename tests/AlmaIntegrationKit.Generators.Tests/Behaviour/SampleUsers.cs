using AlmaIntegrationKit.Generators.Tests.Alma;

namespace AlmaIntegrationKit.Generators.Tests.Behaviour;

/// <summary>Users with everything the SIS load reads, and the characters that break hand-written exporters.</summary>
internal static class SampleUsers
{
    public static User Rich(int n = 1)
    {
        var user = new User
        {
            PrimaryId = $"jdoe{n}@foothill.edu",
            FirstName = "José",
            MiddleName = "d'Ángelo",
            LastName = "O'Brien & Søn <Jr>",
            PinNumber = "4554",
            UserTitle = new AlmaCode("DR", "Dr."),
            JobCategory = new AlmaCode("Librarian"),
            JobDescription = "Reference & Instruction",
            Gender = new AlmaCode("FEMALE", "Female"),
            UserGroup = new AlmaCode(AlmaUserGroups.Faculty, "Faculty"),
            CampusCode = new AlmaCode("MAIN", "Main Campus"),
            WebSiteUrl = "https://foothill.edu/~jdoe?a=1&b=2",
            CatalogerLevel = new AlmaCode("00"),
            PreferredLanguage = new AlmaCode("en", "English"),
            BirthDate = new DateOnly(1980, 2, 29),
            ExpiryDate = new DateOnly(2030, 6, 30),
            PurgeDate = new DateOnly(2032, 6, 30),
            Status = new AlmaCode("ACTIVE", "Active"),
            StatusDate = new DateOnly(2026, 11, 25),
            PrefFirstName = "Jo",
            PrefMiddleName = "Ann",
            PrefLastName = "O’Brien",
            PrefNameSuffix = "Jr.",
            ContactInfo = new ContactInfo(),
        };

        user.ContactInfo.Addresses.Add(new Address
        {
            Line1 = "3598 N. Buckingham Road\nBuilding \"C\"",
            Line2 = "Apt. 5 & 6",
            City = "Los Altos Hills",
            StateProvince = "CA",
            PostalCode = "94022",
            Country = new AlmaCode("USA", "United States"),
            StartDate = new DateOnly(2024, 8, 1),
            Preferred = true,
            AddressTypes = { new AlmaCode("home", "Home"), new AlmaCode("school") },
        });
        user.ContactInfo.Addresses.Add(new Address
        {
            Line1 = "東京都千代田区千代田1-1",
            City = "東京",
            Country = new AlmaCode("JPN"),
            AddressTypes = { new AlmaCode("alternative") },
        });
        user.ContactInfo.Emails.Add(new Email { EmailAddress = $"jdoe{n}@foothill.edu", Preferred = true, EmailTypes = { new AlmaCode("school", "School") } });
        user.ContactInfo.Emails.Add(new Email { EmailAddress = "jose.obrien@example.org", Description = "personal <home>", EmailTypes = { new AlmaCode("personal") } });
        user.ContactInfo.Phones.Add(new Phone { PhoneNumber = "+1 (650) 949-7777", Preferred = true, PreferredSms = true, PhoneTypes = { new AlmaCode("mobile") } });
        user.ContactInfo.Phones.Add(new Phone { PhoneNumber = "650-555-0100", PhoneTypes = { new AlmaCode("office"), new AlmaCode("home") } });
        user.UserIdentifiers.Add(new UserIdentifier { IdType = new AlmaCode("BARCODE", "Barcode"), Value = $"2100000{n:D5}", Note = "Library card" });
        user.UserIdentifiers.Add(new UserIdentifier { IdType = new AlmaCode("UNIV_ID"), Value = $"F{n:D8}" });
        user.UserIdentifiers.Add(new UserIdentifier { IdType = new AlmaCode("OTHER_ID_1"), Value = "Ω-ünïcödé-🙂" });
        user.UserNotes.Add(new UserNote { NoteType = new AlmaCode("CIRCULATION"), NoteText = "Prefers pickup at <East> desk & calls first", UserViewable = true });
        user.UserStatistics.Add(new UserStatistic { StatisticCategory = new AlmaCode("ENG", "Engineering"), CategoryType = new AlmaCode("DEPT") });
        user.UserBlocks.Add(new UserBlock { BlockType = new AlmaCode("GENERAL"), BlockDescription = new AlmaCode("03", "Lost ID"), BlockStatus = "ACTIVE", CreatedDate = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) });
        user.LibraryNotices.Add(new LibraryNotice { Code = new AlmaCode("FulUserBorrowingActivityLetter"), Value = true });
        return user;
    }
}
