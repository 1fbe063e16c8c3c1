using System.Globalization;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Logins;
using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.Sources;
using Microsoft.Extensions.Logging;

namespace AlmaIntegrationKit.Cli;

/// <summary>
/// <c>check-logins</c>: reads the source as <c>run</c> does, takes the value each person would be sent with (the Match
/// ID) and looks it up in the campus directory (the <c>Ldap</c> settings) or, with <c>--accounts</c>, in an export of
/// the identity provider's accounts. Prints <c>N matched, N missing, N ambiguous</c> (and <c>N disabled</c>), writes
/// <c>login-check.csv</c>, exits 0 when everyone matches and 1 otherwise.
/// </summary>
internal sealed class CheckLoginsCommand<TUser>(UserGroupMap map, IPatronMapper<TUser> mapper)
    where TUser : class, IAlmaUser
{
    public sealed record Flags(string? Input, string? Out, string? Accounts, string? Column);

    /// <summary>The setting that makes every <c>run</c> check the logins too, into its report folder and report.</summary>
    public const string AuditSetting = "Logins:AuditOnRun";

    /// <summary>With <see cref="AuditSetting"/>, the accounts file to compare with instead of the directory.</summary>
    public const string AuditAccountsSetting = "Logins:AccountsFile";

    public async Task<int> ExecuteAsync(CliContext context, Flags flags, CancellationToken cancellationToken)
    {
        var settings = ExportSettings.Read(context, flags.Input, outOverride: null, modeOverride: null);
        var started = context.Time.GetUtcNow();
        var folder = flags.Out is { } o ? context.FullPath(o)
            : Path.Combine(settings.Outbox, PackageNaming.RunName(settings.InstitutionCode, settings.Profile, started) + "_logins");
        var (result, notSent, csv) = await CheckAsync(context, settings, flags.Accounts, flags.Column, folder, cancellationToken).ConfigureAwait(false);

        context.Out.WriteLine(result.Summary);
        if (notSent > 0)
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {notSent} rows not checked: a run would not send them (unknown patron type, no Match ID, mapper failure); see run --dry-run"));
        context.Out.WriteLine($"  list       {csv}");
        return result.AllMatched ? ExitCodes.Success : ExitCodes.Error;
    }

    /// <summary>
    /// The hook of <c>run</c>: with <see cref="AuditSetting"/> true, checks the logins of the run's source into its report
    /// folder, where the run report finds them. A check that cannot be done is a warning, not a failed run.
    /// </summary>
    public async Task AuditRunAsync(CliContext context, ExportSettings settings, string reportFolder, CancellationToken cancellationToken)
    {
        if (!bool.TryParse(context.Configuration[AuditSetting], out var audit) || !audit)
            return;
        try
        {
            var (result, _, _) = await CheckAsync(context, settings, context.Configuration[AuditAccountsSetting] is { Length: > 0 } accounts ? accounts : null,
                null, reportFolder, cancellationToken).ConfigureAwait(false);
            context.Out.WriteLine($"  logins     {result.Summary}");
        }
        catch (CliException exception)
        {
            context.Logger.LogWarning("The login check ({Setting}) was not done: {Problems}", AuditSetting, string.Join(" ", exception.Problems));
        }
    }

    private async Task<(LoginCheckResult Result, long NotSent, string Csv)> CheckAsync(CliContext context, ExportSettings settings, string? accounts, string? column,
        string folder, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var ldap = accounts is null ? LdapSettings.Read(context.Configuration, context.FullPath, problems) : null;
        if (problems.Count > 0)
            throw new CliException(problems);

        var source = settings.CreateSource(context.Providers);
        LoginCandidates candidates;
        try
        {
            candidates = await ProgressDisplay.StatusAsync(context, $"Reading {source.Name}…", () => LoginCandidates.ReadAsync(source, map, mapper,
                settings.MatchId, DateOnly.FromDateTime(context.Time.GetUtcNow().UtcDateTime), cancellationToken)).ConfigureAwait(false);
        }
        catch (SourceConfigurationException exception)
        {
            throw new CliException($"The source could not be read: {exception.Message}");
        }

        context.Logger.LogInformation("Checking the logins of {People} people of {Source} (Match ID {MatchId})", candidates.People.Count, source.Name, settings.MatchId);
        LoginCheckResult result;
        try
        {
            result = accounts is not null
                ? LoginCheckResult.Classify(candidates.People, AccountsFile.Read(context.FullPath(accounts), column), disabledChecked: false)
                : await ProgressDisplay.StatusAsync(context, $"Looking up {candidates.People.Count} people in {ldap!.Url}…",
                    () => Task.Run(() => LookUp(context, ldap, candidates, cancellationToken), cancellationToken)).ConfigureAwait(false);
        }
        catch (LoginCheckException exception)
        {
            throw new CliException(exception.Message);
        }

        Directory.CreateDirectory(folder);
        var csv = Path.Combine(folder, LoginCheckCsvWriter.FileName);
        LoginCheckCsvWriter.Write(csv, result);
        return (result, candidates.NotSent, csv);
    }

    private static LoginCheckResult LookUp(CliContext context, LdapSettings ldap, LoginCandidates candidates, CancellationToken cancellationToken)
    {
        using var directory = LdapDirectory.Connect(ldap);
        var found = directory.Lookup(candidates.People.Select(p => p.Value), cancellationToken);
        context.Logger.LogInformation("{Values} values looked up in {RoundTrips} LDAP requests ({Settings})", found.Count, directory.RoundTrips, ldap);
        return LoginCheckResult.Classify(candidates.People, found, disabledChecked: ldap.DisabledFilter is not null);
    }
}
