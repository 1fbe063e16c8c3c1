using System.Text;

namespace AlmaIntegrationKit.Tests.Export;

/// <summary>Builds a canonical patron CSV, one line per row, for export tests.</summary>
internal sealed class PatronFeed
{
    private const string Header =
        "person_id,login_id,barcode,first_name,middle_name,last_name,preferred_first_name,email,phone,address_line1,address_line2,city,state,postal_code,country,patron_type,campus,term_end_date,birth_date,status";

    private readonly StringBuilder _text;

    /// <summary>A feed with the twenty original canonical columns.</summary>
    public PatronFeed()
        : this(Header)
    {
    }

    /// <summary>A feed with its own <paramref name="header"/>, for rows added with <see cref="Raw"/>.</summary>
    public PatronFeed(string header) => _text = new StringBuilder(header + "\n");

    /// <summary>Adds a row; line numbers start at 2 (the header is line 1).</summary>
    public PatronFeed Row(string personId, string? login, string patronType, string lastName = "Doe", string? barcode = null,
        string firstName = "Jo", string? email = null, string termEnd = "2030-05-31", string birthDate = "", string status = "")
    {
        _text.Append($"{personId},{login},{barcode},{firstName},,{lastName},,{email},,,,,,,,{patronType},,{termEnd},{birthDate},{status}\n");
        return this;
    }

    /// <summary>Adds a raw line as it is.</summary>
    public PatronFeed Raw(string line)
    {
        _text.Append(line).Append('\n');
        return this;
    }

    /// <summary>Adds <paramref name="count"/> good, distinct undergraduates P{start}...</summary>
    public PatronFeed Good(int count, int start = 1)
    {
        for (var i = start; i < start + count; i++)
            Row($"P{i:D5}", $"user{i:D5}", "UG", barcode: $"B{i:D5}", email: $"user{i:D5}@example.edu");
        return this;
    }

    public string WriteTo(string path)
    {
        File.WriteAllText(path, _text.ToString(), new UTF8Encoding(false));
        return path;
    }
}
