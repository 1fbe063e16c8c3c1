using System.Globalization;
using System.Text;
using AlmaIntegrationKit.AlmaApi;

namespace AlmaIntegrationKit.Cli;

/// <summary>
/// <c>verify-users [--sample N] [--ids FILE] [--report FILE.csv]</c>: after Alma's SIS job has run, reads those users
/// from Alma (<c>GET /users/{id}?user_id_type=all_unique&amp;view=full</c>) and compares them with what the state file
/// says was last delivered. Writes a CSV (one line per difference, and one per user not found or found under another
/// primary_id) and prints a summary. Exit 0 when every user is in Alma as delivered, 1 otherwise.
/// </summary>
internal static class VerifyUsersCommand
{
    /// <summary>The sample size when neither --sample nor --ids is given: a few API calls, not the day's allowance.</summary>
    public const int DefaultSample = 100;

    public static async Task<int> ExecuteAsync(CliContext context, int? sample, string? idsFile, string? reportFile, CancellationToken cancellationToken)
    {
        if (sample is < 1)
            throw new CliException($"--sample is {sample}; give a number of users of 1 or more.");
        if (sample is not null && idsFile is not null)
            throw new CliException("--sample and --ids exclude each other; give one of them.");
        var api = AlmaApiSetup.Settings(context);
        var (_, stateFile) = ExportSettings.ReadPaths(context);
        if (!File.Exists(stateFile))
            throw new CliException($"The state file {stateFile} does not exist (Export:StateFile): nothing was delivered yet to compare with. Run 'run' first.");

        var (users, unknownIds) = Select(context, stateFile, sample, idsFile);
        foreach (var id in unknownIds)
            context.Err.WriteLine($"warning: '{id}' (--ids) is neither a person_id nor a primary_id the state file holds; skipped.");

        var findings = new List<UserFinding>();
        using (var client = AlmaApiSetup.Client(context, api))
        {
            try
            {
                await ProgressDisplay.StatusAsync(context, $"Reading {users.Count} user(s) from {api.BaseUrl.Host}…", async () =>
                {
                    foreach (var user in users)
                        findings.Add(await CheckAsync(client, user, cancellationToken).ConfigureAwait(false));
                    return 0;
                }).ConfigureAwait(false);
            }
            catch (AlmaApiException exception)
            {
                throw AlmaApiSetup.Fail(exception);
            }
        }

        var report = context.FullPath(reportFile ?? Path.Combine(Path.GetDirectoryName(stateFile) ?? ".", "alma-checks",
            $"verify-users-{context.Time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.csv"));
        WriteCsv(report, findings);
        return Summarize(context, findings, report);
    }

    private static (IReadOnlyList<DeliveredUser> Users, IReadOnlyList<string> UnknownIds) Select(CliContext context, string stateFile, int? sample, string? idsFile)
    {
        using var reader = DeliveredUserReader.Open(stateFile);
        if (idsFile is null)
            return (reader.Sample(sample ?? DefaultSample), []);

        var path = context.FullPath(idsFile);
        if (!File.Exists(path))
            throw new CliException($"The ids file '{path}' (--ids) does not exist; give a text file with one person_id or primary_id per line.");
        var users = new List<DeliveredUser>();
        var unknown = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var id = line.Trim();
            if (id.Length == 0 || id.StartsWith('#'))
                continue;
            if (reader.Find(id) is not { } user)
                unknown.Add(id);
            else if (seen.Add(user.PersonId))
                users.Add(user);
        }

        return (users, unknown);
    }

    private static async Task<UserFinding> CheckAsync(AlmaApiClient client, DeliveredUser user, CancellationToken cancellationToken)
    {
        var inAlma = user.PrimaryId is null ? null : await client.GetUserAsync(user.PrimaryId, cancellationToken).ConfigureAwait(false);
        if (inAlma is null && user.MatchIdValue is not null && !string.Equals(user.MatchIdValue, user.PrimaryId, StringComparison.OrdinalIgnoreCase))
            inAlma = await client.GetUserAsync(user.MatchIdValue, cancellationToken).ConfigureAwait(false); // matched by the Match ID, under another primary_id?
        return UserComparison.Compare(user, inAlma);
    }

    private static void WriteCsv(string path, IReadOnlyList<UserFinding> findings)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = new StringBuilder("person_id,primary_id,verdict,field,delivered,in_alma\n");
        foreach (var finding in findings)
        {
            var u = finding.User;
            switch (finding.Verdict)
            {
                case UserVerdict.Differs:
                    foreach (var d in finding.Differences)
                        Line(text, u.PersonId, u.PrimaryId, "differs", d.Field, d.Delivered, d.InAlma);
                    break;
                case UserVerdict.NotInAlma:
                    Line(text, u.PersonId, u.PrimaryId, "not in Alma", "primary_id", u.PrimaryId, "(no user)");
                    break;
                case UserVerdict.OtherPrimaryId:
                    Line(text, u.PersonId, u.PrimaryId, "in Alma with another primary_id", "primary_id", u.PrimaryId, finding.AlmaPrimaryId);
                    break;
                default:
                    Line(text, u.PersonId, u.PrimaryId, "as delivered", "", "", "");
                    break;
            }
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
    }

    private static void Line(StringBuilder text, params string?[] cells) =>
        text.AppendJoin(',', cells.Select(Cell)).Append('\n');

    private static string Cell(string? value) =>
        value is null ? "" : value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static int Summarize(CliContext context, IReadOnlyList<UserFinding> findings, string report)
    {
        var o = context.Out;
        int Count(UserVerdict v) => findings.Count(f => f.Verdict == v);
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Checked {findings.Count} user(s) against Alma: {Count(UserVerdict.Same)} as delivered, {Count(UserVerdict.Differs)} differ, {Count(UserVerdict.NotInAlma)} not in Alma, {Count(UserVerdict.OtherPrimaryId)} in Alma with another primary_id."));
        foreach (var finding in findings.Where(f => f.Verdict != UserVerdict.Same).Take(20))
        {
            var who = $"person {finding.User.PersonId} (primary_id {finding.User.PrimaryId})";
            o.WriteLine(finding.Verdict switch
            {
                UserVerdict.NotInAlma => $"  {who}: not in Alma. Did Alma's SIS job run on the file, and reject this user? See the job report ('job-status').",
                UserVerdict.OtherPrimaryId => $"  {who}: in Alma with primary_id {finding.AlmaPrimaryId}. Alma matched it on the Match ID; the profile or Export:MatchId may not be what the feed assumes.",
                _ => $"  {who}: " + string.Join("; ", finding.Differences.Select(d => $"{d.Field} delivered '{d.Delivered}', in Alma '{d.InAlma}'")),
            });
        }

        o.WriteLine($"  report     {report}");
        return findings.All(f => f.Verdict == UserVerdict.Same) ? ExitCodes.Success : ExitCodes.Error;
    }
}
