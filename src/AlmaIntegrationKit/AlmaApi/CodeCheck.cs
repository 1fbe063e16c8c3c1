using AlmaIntegrationKit.Shared;

namespace AlmaIntegrationKit.AlmaApi;

/// <summary>What Alma says of one code the project can send.</summary>
internal enum CodeVerdict
{
    /// <summary>An enabled row of the table.</summary>
    Known,

    /// <summary>A row of the table, but disabled: Alma refuses it in a load.</summary>
    Disabled,

    /// <summary>Not in the table: Alma's SIS job would reject the user.</summary>
    Unknown,

    /// <summary>The table was not returned by the API (or the field has none): not checked, not a failure.</summary>
    NotChecked,
}

/// <summary>One code with Alma's verdict and, for an unknown code, the nearest enabled code of the table.</summary>
/// <param name="Code">The code and where it comes from.</param>
/// <param name="Verdict">What Alma's table says.</param>
/// <param name="Suggestion">A "did you mean" among the table's enabled codes, or null.</param>
internal sealed record CodeFinding(SentCode Code, CodeVerdict Verdict, string? Suggestion);

/// <summary>
/// Compares the codes a project can send with the institution's code tables (<c>check-codes</c>, and
/// <c>test-connection</c> when an API key is configured).
/// </summary>
internal static class CodeCheck
{
    /// <summary>The tables to read for <paramref name="codes"/>.</summary>
    public static IReadOnlyList<string> TablesOf(IEnumerable<SentCode> codes) =>
        codes.Select(c => c.Table).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The verdict on each code, given the tables Alma returned (null: not returned).</summary>
    public static IReadOnlyList<CodeFinding> Compare(IEnumerable<SentCode> codes, IReadOnlyDictionary<string, AlmaCodeTable?> tables)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(tables);
        var findings = new List<CodeFinding>();
        foreach (var code in codes)
        {
            if (code.Table is null || !tables.TryGetValue(code.Table, out var table) || table is null)
            {
                findings.Add(new CodeFinding(code, CodeVerdict.NotChecked, null));
                continue;
            }

            var row = table.Find(code.Code);
            if (row is null)
            {
                var enabled = table.Rows.Where(r => r.Enabled).Select(r => r.Code).Order(StringComparer.Ordinal);
                findings.Add(new CodeFinding(code, CodeVerdict.Unknown, NearMiss.Suggest(code.Code, enabled)));
            }
            else
            {
                findings.Add(new CodeFinding(code, row.Enabled ? CodeVerdict.Known : CodeVerdict.Disabled, null));
            }
        }

        return findings;
    }
}
