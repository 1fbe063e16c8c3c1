using System.Globalization;
using System.Text;

namespace AlmaIntegrationKit.Benchmarks.EndToEnd;

/// <summary>
/// Writes a realistic canonical patron CSV (DESIGN.md columns, UTF-8, header, CRLF, RFC 4180 quoting): non-ASCII
/// names, addresses with commas (quoted), about 3% of rows a second row of an earlier person with another patron
/// type (student who also works as staff), and about 2.5% defective rows of the kinds a real extract has. The same
/// row count gives the same file byte for byte.
/// </summary>
internal static class PatronCsvFeed
{
    public const string Header =
        "person_id,login_id,barcode,first_name,middle_name,last_name,preferred_first_name,email,phone,address_line1,"
        + "address_line2,city,state,postal_code,country,patron_type,campus,term_end_date,birth_date,status";

    /// <summary>The header of a wide feed: every canonical column, the optional ones too, and a column of the college's own.</summary>
    public const string WideHeader = Header
        + ",preferred_middle_name,preferred_last_name,job_description,preferred_language,work_address_line1,work_address_line2,"
        + "work_city,work_state,work_postal_code,work_country,work_email,work_phone,additional_barcodes,statistical_categories,note,major";

    private static readonly string[] Jobs = ["Lecturer in History", "Library assistant", "Professor of Chemistry", "IT support, evenings", "Registrar's clerk"];
    private static readonly string[] Majors = ["BIOL", "HIST", "CHEM", "NURS", "CS", "ENGL"];
    private static readonly string[] Languages = ["en", "es", "fr", "de"];

    private static readonly string[] FirstNames =
    [
        "James", "Mary", "José", "Zoë", "Łukasz", "Søren", "Nguyễn", "Aoife", "François", "Ümit", "Αλέξανδρος", "Дмитрий",
        "Ana", "Chloé", "Björn", "Siobhán", "Mohammed", "Priya", "Kenji", "Olga", "Emily", "Noah", "Ngozi", "Mateus",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Müller", "García", "O'Brien", "Kowalczyk", "Nguyễn", "Øvergård", "Çelik", "Dubois",
        "Brontë", "Šimůnek", "Yılmaz", "Papadopoulos", "Иванов", "Fernández", "Nakamura", "Williams", "Ní Bhriain", "Van der Berg",
    ];

    private static readonly string[] Streets = ["Main Street", "College Avenue", "Rue de l'Université", "Königstraße", "Elm & Oak Court", "Campus Drive"];
    private static readonly string[] Cities = ["Springfield", "Montréal", "München", "Kraków", "Dublin", "Austin"];
    private static readonly string[] States = ["IL", "QC", "BY", "MA", "L", "TX"];
    private static readonly string[] Countries = ["USA", "CAN", "DEU", "POL", "IRL", "USA"];

    // Weighted as a college's population is: mostly undergraduates.
    private static readonly string[] PatronTypes = ["UG", "UG", "UG", "UG", "UG", "GR", "GR", "FT", "ST", "CE"];

    /// <summary>The feed of <paramref name="rows"/> rows at <paramref name="path"/>, written unless it is already there.</summary>
    public static string Ensure(string path, int rows, bool wide = false)
    {
        if (File.Exists(path))
            return path;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".part";
        Write(temporary, rows, wide);
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>The default location of the feed of <paramref name="rows"/> rows (a temp folder shared by the runs).</summary>
    public static string DefaultPath(int rows, bool wide = false) =>
        Path.Combine(Path.GetTempPath(), "alma-e2e-bench", $"patrons-{(wide ? "wide-" : "")}{rows.ToString(CultureInfo.InvariantCulture)}.csv");

    /// <summary>
    /// Writes the feed; a <paramref name="wide"/> one has the same first twenty columns, then the optional canonical
    /// columns (work contact of employees, preferred names, a language, more barcodes, statistical categories, notes)
    /// and a <c>major</c> column of the college's own.
    /// </summary>
    public static void Write(string path, int rows, bool wide = false)
    {
        var random = new Random(20_241_126);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16) { NewLine = "\r\n" };
        writer.WriteLine(wide ? WideHeader : Header);
        var line = new StringBuilder(512);
        var person = 0;
        for (var row = 0; row < rows; row++)
        {
            line.Clear();
            var duplicate = person > 100 && random.Next(100) < 3;
            // A duplicate is an earlier person (same ids and names) in another patron type.
            var index = duplicate ? person - 1 - random.Next(Math.Min(person, 5_000)) : person++;
            var personRandom = new Random(index * 7919 + 17);
            var type = PatronTypes[personRandom.Next(PatronTypes.Length)];
            if (duplicate)
                type = type == "ST" ? "UG" : "ST";
            var id = (10_000_000 + index).ToString(CultureInfo.InvariantCulture);
            var first = Pick(personRandom, FirstNames);
            var last = Pick(personRandom, LastNames);
            var login = "u" + id;
            var barcode = "2" + id + "0042";
            var email = login + "@college.edu";
            var middle = personRandom.Next(4) == 0 ? Pick(personRandom, FirstNames) : "";
            var preferred = personRandom.Next(8) == 0 ? Pick(personRandom, FirstNames) : "";
            var city = personRandom.Next(Cities.Length);
            var line1 = (1 + personRandom.Next(9_999)).ToString(CultureInfo.InvariantCulture) + " " + Pick(personRandom, Streets)
                + (personRandom.Next(3) == 0 ? ", Apt " + (1 + personRandom.Next(400)).ToString(CultureInfo.InvariantCulture) : "");
            var line2 = personRandom.Next(5) == 0 ? "c/o Residence Hall " + (char)('A' + personRandom.Next(6)) : "";
            var phone = "+1 555 " + personRandom.Next(100, 999).ToString(CultureInfo.InvariantCulture) + " " + personRandom.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
            var postal = personRandom.Next(10_000, 99_999).ToString(CultureInfo.InvariantCulture);
            var termEnd = new DateOnly(2026, 5, 15).AddDays(120 * personRandom.Next(0, 8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var birth = new DateOnly(1950, 1, 1).AddDays(personRandom.Next(0, 20_000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var campus = type == "CE" ? "EAST" : "";
            var extraField = false;

            // About 2.5% defects, of the kinds a real extract has (decided per row, so duplicates may differ).
            switch (random.Next(1000))
            {
                case < 5: type = "U G"; break;                                   // unknown patron type (did you mean UG?)
                case < 10: email = login + "@@college"; break;                   // invalid email
                case < 14: last = ""; break;                                     // required last_name missing
                case < 17: birth = "1999-02-30"; break;                          // not a date
                case < 20: login = "u" + (10_000_000 + Math.Max(0, index - 1 - random.Next(50))).ToString(CultureInfo.InvariantCulture).ToUpperInvariant(); break; // primary_id of another person
                case < 23: login = ""; break;                                    // Match ID missing
                case < 25: extraField = true; break;                             // wrong column count
            }

            Field(line, id).Append(',');
            Field(line, login).Append(',');
            Field(line, barcode).Append(',');
            Field(line, first).Append(',');
            Field(line, middle).Append(',');
            Field(line, last).Append(',');
            Field(line, preferred).Append(',');
            Field(line, email).Append(',');
            Field(line, phone).Append(',');
            Field(line, line1).Append(',');
            Field(line, line2).Append(',');
            Field(line, Cities[city]).Append(',');
            Field(line, States[city]).Append(',');
            Field(line, postal).Append(',');
            Field(line, Countries[city]).Append(',');
            Field(line, type).Append(',');
            Field(line, campus).Append(',');
            Field(line, termEnd).Append(',');
            Field(line, birth).Append(',');
            Field(line, "active");
            if (wide)
                WideFields(line, personRandom, type, id, login);
            if (extraField)
                line.Append(",unexpected");
            writer.WriteLine(line);
        }
    }

    /// <summary>The optional columns and <c>major</c>, drawn after the person's other values so those stay the same.</summary>
    private static void WideFields(StringBuilder line, Random personRandom, string type, string id, string login)
    {
        var employee = type is "FT" or "ST";
        var student = !employee;
        var preferredMiddle = personRandom.Next(20) == 0 ? Pick(personRandom, FirstNames) : "";
        var preferredLast = personRandom.Next(15) == 0 ? Pick(personRandom, LastNames) : "";
        var job = employee ? Pick(personRandom, Jobs) : "";
        var language = personRandom.Next(3) == 0 ? Pick(personRandom, Languages) : "";
        var city = personRandom.Next(Cities.Length);
        var barcodes = personRandom.Next(10) == 0 ? "9" + id + "0001" + (personRandom.Next(3) == 0 ? "|9" + id + "0002" : "") : "";
        var major = student ? Pick(personRandom, Majors) : "";
        var statistics = student ? "MAJOR:" + major + (personRandom.Next(4) == 0 ? "|HONORS" : "") : "STAFF";
        var note = personRandom.Next(20) == 0 ? "Card reissued, \"lost\" in " + (2020 + personRandom.Next(6)).ToString(CultureInfo.InvariantCulture) : "";
        line.Append(',');
        Field(line, preferredMiddle).Append(',');
        Field(line, preferredLast).Append(',');
        Field(line, job).Append(',');
        Field(line, language).Append(',');
        Field(line, employee ? (100 + personRandom.Next(900)).ToString(CultureInfo.InvariantCulture) + " " + Pick(personRandom, Streets) : "").Append(',');
        Field(line, employee ? "Building " + (char)('A' + personRandom.Next(8)) + ", Room " + personRandom.Next(100, 400).ToString(CultureInfo.InvariantCulture) : "").Append(',');
        Field(line, employee ? Cities[city] : "").Append(',');
        Field(line, employee ? States[city] : "").Append(',');
        Field(line, employee ? personRandom.Next(10_000, 99_999).ToString(CultureInfo.InvariantCulture) : "").Append(',');
        Field(line, employee ? Countries[city] : "").Append(',');
        Field(line, employee ? login + "@staff.college.edu" : "").Append(',');
        Field(line, employee ? "+1 555 " + personRandom.Next(100, 999).ToString(CultureInfo.InvariantCulture) + " 0000" : "").Append(',');
        Field(line, barcodes).Append(',');
        Field(line, statistics).Append(',');
        Field(line, note).Append(',');
        Field(line, major);
    }

    private static StringBuilder Field(StringBuilder line, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
            return line.Append(value);
        return line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
