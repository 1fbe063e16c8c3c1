namespace AlmaIntegrationKit.Logins;

/// <summary>Why a person cannot log in.</summary>
internal static class LoginProblemReasons
{
    /// <summary>No account holds the value.</summary>
    public const string Missing = "missing";

    /// <summary>Several accounts hold the value: the login would find more than one.</summary>
    public const string Ambiguous = "ambiguous";

    /// <summary>The one account that holds the value is disabled.</summary>
    public const string Disabled = "disabled";
}

/// <summary>A person who cannot log in: the value, the reason and, for an ambiguous value, the accounts found.</summary>
internal sealed record LoginProblem(LoginCandidate Person, string Reason, IReadOnlyList<string> Accounts);

/// <summary>The outcome of a login check: the counts of the summary line and everyone who cannot log in.</summary>
internal sealed record LoginCheckResult(int Matched, int Missing, int Ambiguous, int Disabled, bool DisabledChecked, IReadOnlyList<LoginProblem> Problems)
{
    /// <summary>Whether everyone can log in.</summary>
    public bool AllMatched => Problems.Count == 0;

    /// <summary><c>N matched, N missing, N ambiguous</c>, with <c>N disabled</c> when disabled accounts were looked for.</summary>
    public string Summary => FormattableString.Invariant($"{Matched} matched, {Missing} missing, {Ambiguous} ambiguous") +
        (DisabledChecked ? FormattableString.Invariant($", {Disabled} disabled") : "");

    /// <summary>Sorts each of <paramref name="people"/> by the accounts its value was found as in <paramref name="found"/>.</summary>
    public static LoginCheckResult Classify(IEnumerable<LoginCandidate> people, IReadOnlyDictionary<string, IReadOnlyList<DirectoryAccount>> found, bool disabledChecked)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(found);
        int matched = 0, missing = 0, ambiguous = 0, disabled = 0;
        var problems = new List<LoginProblem>();
        foreach (var person in people)
        {
            var accounts = found.TryGetValue(person.Value, out var list) ? list : [];
            switch (accounts.Count)
            {
                case 0:
                    missing++;
                    problems.Add(new LoginProblem(person, LoginProblemReasons.Missing, []));
                    break;
                case > 1:
                    ambiguous++;
                    problems.Add(new LoginProblem(person, LoginProblemReasons.Ambiguous, [.. accounts.Select(a => a.Name)]));
                    break;
                case 1 when accounts[0].Disabled:
                    disabled++;
                    problems.Add(new LoginProblem(person, LoginProblemReasons.Disabled, [accounts[0].Name]));
                    break;
                default:
                    matched++;
                    break;
            }
        }

        return new LoginCheckResult(matched, missing, ambiguous, disabled, disabledChecked, problems);
    }
}
