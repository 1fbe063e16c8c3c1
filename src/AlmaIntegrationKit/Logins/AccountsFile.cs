using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace AlmaIntegrationKit.Logins;

/// <summary>
/// An export of the identity provider's accounts, for colleges whose logins go through SAML and whose directory cannot
/// be queried: a CSV file with a header row, the released attribute in its only column (or in the column named).
/// </summary>
internal static class AccountsFile
{
    /// <summary>
    /// The accounts of <paramref name="path"/> by value (compared ignoring case, as Alma compares user identifiers),
    /// each named by its line; empty cells are skipped.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="column">The header of the column to read; null for the first.</param>
    /// <exception cref="LoginCheckException">The file is missing, empty, or has no such column.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<DirectoryAccount>> Read(string path, string? column = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new LoginCheckException($"The accounts file '{path}' (--accounts) does not exist; give the CSV export of the identity provider's accounts.");
        var accounts = new Dictionary<string, List<DirectoryAccount>>(StringComparer.OrdinalIgnoreCase);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = true });
        if (!csv.Read())
            throw new LoginCheckException($"The accounts file '{path}' is empty; it needs a header row, then one account a line.");
        var header = csv.Record ?? [];
        var index = column is null ? 0 : Array.FindIndex(header, h => string.Equals(h.Trim(), column, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
            throw new LoginCheckException($"The accounts file '{path}' has no column '{column}' (--column); its columns are {string.Join(", ", header)}.");
        if (column is null && header.Length > 1)
            throw new LoginCheckException($"The accounts file '{path}' has {header.Length} columns ({string.Join(", ", header)}); name the one the identity provider releases to Alma with --column.");
        var source = Path.GetFileName(path);
        while (csv.Read())
        {
            var record = csv.Record ?? [];
            var value = index < record.Length ? record[index].Trim() : "";
            if (value.Length == 0)
                continue;
            if (!accounts.TryGetValue(value, out var list))
                accounts[value] = list = new List<DirectoryAccount>(1);
            list.Add(new DirectoryAccount(string.Create(CultureInfo.InvariantCulture, $"{source} line {csv.RawRow}"), Disabled: false));
        }

        return accounts.ToDictionary(a => a.Key, a => (IReadOnlyList<DirectoryAccount>)a.Value, StringComparer.OrdinalIgnoreCase);
    }
}
