using AlmaIntegrationKit.Benchmarks.Alma;

namespace AlmaIntegrationKit.Benchmarks.Data;

/// <summary>
/// Deterministic, realistic SIS patrons as generated <see cref="User"/>s: names with non-ASCII letters (and the odd
/// ampersand or apostrophe that needs escaping), 1-2 addresses, 1-2 emails, 1 phone, 2-3 identifiers, a user group,
/// campus, dates and status: the fields a nightly SIS feed sends.
/// </summary>
internal static class PatronFactory
{
    private static readonly string[] FirstNames =
    [
        "James", "Mary", "José", "Zoë", "Łukasz", "Søren", "Nguyễn", "Aoife", "François", "Ümit", "Αλέξανδρος", "Дмитрий",
        "Ana", "Chloé", "Björn", "Siobhán", "Mohammed", "Priya", "Kenji", "Olga", "Emily", "Noah", "Ngozi", "Mateus",
        "Anaïs", "Jürgen", "Renée", "Ciarán", "Élodie", "Oğuz", "Wei", "Hana",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Müller", "García", "O'Brien", "Kowalczyk", "Nguyễn", "Øvergård", "Çelik", "Dubois",
        "Brontë", "Šimůnek", "Yılmaz", "Papadopoulos", "Иванов", "王", "김", "Fernández", "Nakamura", "Williams",
        "Jones", "Brown", "Taylor", "Lindqvist", "Ní Bhriain", "Van der Berg", "Łęcki", "Gonçalves", "Ahmed", "Patel",
    ];

    private static readonly string[] Streets =
    [
        "Main Street", "College Avenue", "Rue de l'Université", "Königstraße", "Elm & Oak Court", "Campus Drive",
        "Calle Mayor", "Maple Road", "Via Roma", "Łąkowa", "High Street", "University Boulevard",
    ];

    private static readonly string[] Cities = ["Springfield", "Montréal", "München", "Kraków", "Bogotá", "Dublin", "Austin", "Kyoto", "Zürich", "Portland"];
    private static readonly string[] States = ["IL", "QC", "BY", "MA", "DC", "L", "TX", "OR", "ZH", "ME"];
    private static readonly string[] Countries = ["USA", "CAN", "DEU", "POL", "COL", "IRL", "USA", "JPN", "CHE", "USA"];

    private static readonly (string Code, string Desc, string Campus)[] Groups =
    [
        ("UNDERGRAD", "Undergraduate", "MAIN"), ("GRAD", "Graduate Student", "MAIN"), ("FACULTY", "Faculty", "MAIN"),
        ("STAFF", "Staff", "EAST"), ("COMMUNITY", "Community Borrower, Reciprocal", "EAST"),
    ];

    /// <summary>The same <paramref name="count"/> users for every seed, built in order.</summary>
    public static List<User> Create(int count, int seed = 20_240_901)
    {
        var random = new Random(seed);
        var users = new List<User>(count);
        for (var i = 0; i < count; i++)
            users.Add(Create(random, i));
        return users;
    }

    private static User Create(Random random, int index)
    {
        var first = Pick(random, FirstNames);
        var last = Pick(random, LastNames);
        var group = Pick(random, Groups);
        var id = (1_000_000 + index).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var login = Ascii(first) + "." + Ascii(last) + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var expiry = new DateOnly(2026, 1, 15).AddDays(random.Next(0, 900));

        var user = new User
        {
            PrimaryId = "P" + id,
            FirstName = first,
            MiddleName = random.Next(3) == 0 ? Pick(random, FirstNames) : null,
            LastName = last,
            UserGroup = new AlmaCode(group.Code, group.Desc),
            CampusCode = new AlmaCode(group.Campus),
            PreferredLanguage = new AlmaCode("en", "English"),
            BirthDate = new DateOnly(1950, 1, 1).AddDays(random.Next(0, 20_000)),
            ExpiryDate = expiry,
            PurgeDate = expiry.AddYears(2),
            Status = new AlmaCode("ACTIVE", "Active"),
            PrefFirstName = random.Next(6) == 0 ? Pick(random, FirstNames) : null,
            ContactInfo = new ContactInfo(),
        };

        var addresses = 1 + random.Next(2);
        for (var a = 0; a < addresses; a++)
        {
            var city = random.Next(Cities.Length);
            var address = new Address
            {
                Preferred = a == 0,
                Line1 = (1 + random.Next(9_999)).ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + Pick(random, Streets),
                Line2 = random.Next(3) == 0 ? "Apt " + (1 + random.Next(400)).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
                City = Cities[city],
                StateProvince = States[city],
                PostalCode = random.Next(10_000, 99_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Country = new AlmaCode(Countries[city]),
            };
            address.AddressTypes.Add(new AlmaCode(a == 0 ? "home" : "work"));
            user.ContactInfo.Addresses.Add(address);
        }

        var emails = 1 + random.Next(2);
        for (var m = 0; m < emails; m++)
        {
            var email = new Email
            {
                Preferred = m == 0,
                EmailAddress = m == 0 ? login.ToLowerInvariant() + "@college.edu" : login.ToLowerInvariant() + "@example.org",
            };
            email.EmailTypes.Add(new AlmaCode(m == 0 ? "school" : "personal"));
            user.ContactInfo.Emails.Add(email);
        }

        var phone = new Phone { Preferred = true, PhoneNumber = "+1 555 " + random.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + random.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        phone.PhoneTypes.Add(new AlmaCode("mobile"));
        user.ContactInfo.Phones.Add(phone);

        user.UserIdentifiers.Add(new UserIdentifier { IdType = new AlmaCode("BARCODE", "Barcode"), Value = "2" + id + "0042" });
        user.UserIdentifiers.Add(new UserIdentifier { IdType = new AlmaCode("UNIV_ID", "University ID"), Value = login });
        if (random.Next(2) == 0)
            user.UserIdentifiers.Add(new UserIdentifier { IdType = new AlmaCode("INST_ID", "Institution ID"), Value = "I" + id, Note = "from HR" });
        return user;
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static string Ascii(string name)
    {
        var decomposed = name.Normalize(System.Text.NormalizationForm.FormD);
        Span<char> chars = stackalloc char[decomposed.Length];
        var n = 0;
        foreach (var c in decomposed)
        {
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z')
                chars[n++] = c;
        }

        return n == 0 ? "user" : new string(chars[..n]);
    }
}
