using AlmaIntegrationKit.Packaging;

namespace AlmaIntegrationKit.Logins;

/// <summary>
/// Writes <c>login-check.csv</c>: one row per person who cannot log in, with where the row came from, the person_id,
/// the value Alma would receive, the reason, and for an ambiguous value the accounts found (separated by <c> | </c>).
/// </summary>
internal static class LoginCheckCsvWriter
{
    /// <summary>The file name in the report folder.</summary>
    public const string FileName = "login-check.csv";

    /// <summary>The summary line beside it, which the run report shows when a run checked the logins.</summary>
    public const string SummaryFileName = "login-check.txt";

    /// <summary>Writes the problems of <paramref name="result"/> to <paramref name="path"/> (replacing it), and the summary line beside it.</summary>
    public static void Write(string path, LoginCheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using (var file = new ReportCsvFile(path, "person_id", "value", "reason", "entries"))
        {
            foreach (var problem in result.Problems)
                file.Row(problem.Person.Position, problem.Person.PersonId, problem.Person.Value, problem.Reason, string.Join(" | ", problem.Accounts));
        }

        File.WriteAllText(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, SummaryFileName), result.Summary + "\n");
    }

    /// <summary>The summary line of a login check in <paramref name="folder"/>, or empty when there was none.</summary>
    public static string ReadSummary(string folder)
    {
        var path = Path.Combine(folder, SummaryFileName);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : "";
    }
}
