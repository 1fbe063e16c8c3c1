using System.Xml.Serialization;
using AlmaIntegrationKit.Benchmarks.Alma;

namespace AlmaIntegrationKit.Benchmarks.Baseline;

// Hand-attributed classes for XmlSerializer, mirroring the subset of rest_user.xsd the benchmark users fill, element
// order as the generated writer emits it (the schema's declaration order). What a college writes by hand today.

[XmlRoot("users")]
public sealed class XUsers
{
    [XmlElement("user")]
    public List<XUser> Users { get; } = [];
}

public sealed class XUser
{
    [XmlElement("primary_id", Order = 1)] public string? PrimaryId { get; set; }
    [XmlElement("first_name", Order = 2)] public string? FirstName { get; set; }
    [XmlElement("middle_name", Order = 3)] public string? MiddleName { get; set; }
    [XmlElement("last_name", Order = 4)] public string? LastName { get; set; }
    [XmlElement("user_group", Order = 5)] public XCode? UserGroup { get; set; }
    [XmlElement("campus_code", Order = 6)] public XCode? CampusCode { get; set; }
    [XmlElement("preferred_language", Order = 7)] public XCode? PreferredLanguage { get; set; }
    [XmlElement("birth_date", DataType = "date", Order = 8)] public DateTime BirthDate { get; set; }
    [XmlElement("expiry_date", DataType = "date", Order = 9)] public DateTime ExpiryDate { get; set; }
    [XmlElement("purge_date", DataType = "date", Order = 10)] public DateTime PurgeDate { get; set; }
    [XmlElement("status", Order = 11)] public XCode? Status { get; set; }
    [XmlElement("contact_info", Order = 12)] public XContactInfo? ContactInfo { get; set; }

    [XmlArray("user_identifiers", Order = 13), XmlArrayItem("user_identifier")]
    public List<XUserIdentifier> UserIdentifiers { get; } = [];

    [XmlElement("pref_first_name", Order = 14)] public string? PrefFirstName { get; set; }
}

public sealed class XCode
{
    [XmlAttribute("desc")] public string? Desc { get; set; }
    [XmlText] public string Code { get; set; } = string.Empty;
}

public sealed class XContactInfo
{
    [XmlArray("addresses", Order = 1), XmlArrayItem("address")] public List<XAddress> Addresses { get; } = [];
    [XmlArray("emails", Order = 2), XmlArrayItem("email")] public List<XEmail> Emails { get; } = [];
    [XmlArray("phones", Order = 3), XmlArrayItem("phone")] public List<XPhone> Phones { get; } = [];
}

public sealed class XAddress
{
    [XmlAttribute("preferred")] public bool Preferred { get; set; }
    [XmlIgnore] public bool PreferredSpecified { get; set; }
    [XmlElement("line1", Order = 1)] public string? Line1 { get; set; }
    [XmlElement("line2", Order = 2)] public string? Line2 { get; set; }
    [XmlElement("city", Order = 3)] public string? City { get; set; }
    [XmlElement("state_province", Order = 4)] public string? StateProvince { get; set; }
    [XmlElement("postal_code", Order = 5)] public string? PostalCode { get; set; }
    [XmlElement("country", Order = 6)] public XCode? Country { get; set; }
    [XmlArray("address_types", Order = 7), XmlArrayItem("address_type")] public List<XCode> AddressTypes { get; } = [];
}

public sealed class XEmail
{
    [XmlAttribute("preferred")] public bool Preferred { get; set; }
    [XmlIgnore] public bool PreferredSpecified { get; set; }
    [XmlElement("email_address", Order = 1)] public string EmailAddress { get; set; } = string.Empty;
    [XmlArray("email_types", Order = 2), XmlArrayItem("email_type")] public List<XCode> EmailTypes { get; } = [];
}

public sealed class XPhone
{
    [XmlAttribute("preferred")] public bool Preferred { get; set; }
    [XmlIgnore] public bool PreferredSpecified { get; set; }
    [XmlElement("phone_number", Order = 1)] public string PhoneNumber { get; set; } = string.Empty;
    [XmlArray("phone_types", Order = 2), XmlArrayItem("phone_type")] public List<XCode> PhoneTypes { get; } = [];
}

public sealed class XUserIdentifier
{
    [XmlElement("id_type", Order = 1)] public XCode IdType { get; set; } = new();
    [XmlElement("value", Order = 2)] public string Value { get; set; } = string.Empty;
    [XmlElement("note", Order = 3)] public string? Note { get; set; }
}

/// <summary>The generated model's users as the equivalent hand-attributed objects.</summary>
internal static class SerializerModel
{
    public static XUsers From(IEnumerable<User> users)
    {
        var result = new XUsers();
        foreach (var user in users)
            result.Users.Add(From(user));
        return result;
    }

    public static XUser From(User u)
    {
        var x = new XUser
        {
            PrimaryId = u.PrimaryId,
            FirstName = u.FirstName,
            MiddleName = u.MiddleName,
            LastName = u.LastName,
            UserGroup = Code(u.UserGroup),
            CampusCode = Code(u.CampusCode),
            PreferredLanguage = Code(u.PreferredLanguage),
            BirthDate = Date(u.BirthDate),
            ExpiryDate = Date(u.ExpiryDate),
            PurgeDate = Date(u.PurgeDate),
            Status = Code(u.Status),
            PrefFirstName = u.PrefFirstName,
        };
        if (u.ContactInfo is { } contact)
        {
            x.ContactInfo = new XContactInfo();
            foreach (var a in contact.Addresses)
            {
                var xa = new XAddress
                {
                    Preferred = a.Preferred ?? false, PreferredSpecified = a.Preferred.HasValue,
                    Line1 = a.Line1, Line2 = a.Line2, City = a.City, StateProvince = a.StateProvince, PostalCode = a.PostalCode,
                    Country = Code(a.Country),
                };
                xa.AddressTypes.AddRange(a.AddressTypes.Select(c => Code(c)!));
                x.ContactInfo.Addresses.Add(xa);
            }

            foreach (var e in contact.Emails)
            {
                var xe = new XEmail { Preferred = e.Preferred ?? false, PreferredSpecified = e.Preferred.HasValue, EmailAddress = e.EmailAddress };
                xe.EmailTypes.AddRange(e.EmailTypes.Select(c => Code(c)!));
                x.ContactInfo.Emails.Add(xe);
            }

            foreach (var p in contact.Phones)
            {
                var xp = new XPhone { Preferred = p.Preferred ?? false, PreferredSpecified = p.Preferred.HasValue, PhoneNumber = p.PhoneNumber };
                xp.PhoneTypes.AddRange(p.PhoneTypes.Select(c => Code(c)!));
                x.ContactInfo.Phones.Add(xp);
            }
        }

        foreach (var i in u.UserIdentifiers)
            x.UserIdentifiers.Add(new XUserIdentifier { IdType = Code(i.IdType)!, Value = i.Value, Note = i.Note });
        return x;
    }

    private static XCode? Code(AlmaCode? code) => code is null ? null : new XCode { Code = code.Code, Desc = code.Desc };

    private static DateTime Date(DateOnly? date) =>
        date?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified) ?? throw new InvalidOperationException("The benchmark users always have dates.");
}
