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

    public async Task<int> ExecuteAsync(CliContext context, Flags flags, CancellationToken cancellationToken)
    {
        var settings = ExportSettings.Read(context, flags.Input, outOverride: null, modeOverride: null);
        var problems = new List<string>();
        var ldap = flags.Accounts is null ? LdapSettings.Read(context.Configuration, context.FullPath, problems) : null;
        if (problems.Count > 0)
            throw new CliException(problems);

        var started = context.Time.GetUtcNow();
        var source = settings.CreateSource(context.Providers);
        LoginCandidates candidates;
        try
        {
            candidates = await ProgressDisplay.StatusAsync(context, $"Reading {source.Name}…", () => LoginCandidates.ReadAsync(source, map, mapper,
                settings.MatchId, DateOnly.FromDateTime(started.UtcDateTime), cancellationToken)).ConfigureAwait(false);
        }
        catch (SourceConfigurationException exception)
        {
            throw new CliException($"The source could not be read: {exception.Message}");
        }

        context.Logger.LogInformation("Checking the logins of {People} people of {Source} (Match ID {MatchId})", candidates.People.Count, source.Name, settings.MatchId);
        LoginCheckResult result;
        try
        {
            result = flags.Accounts is { } accounts
                ? LoginCheckResult.Classify(candidates.People, AccountsFile.Read(context.FullPath(accounts), flags.Column), disabledChecked: false)
                : await ProgressDisplay.StatusAsync(context, $"Looking up {candidates.People.Count} people in {ldap!.Url}…",
                    () => Task.Run(() => LookUp(context, ldap, candidates, cancellationToken), cancellationToken)).ConfigureAwait(false);
        }
        catch (LoginCheckException exception)
        {
            throw new CliException(exception.Message);
        }

        var folder = flags.Out is { } o ? context.FullPath(o)
            : Path.Combine(settings.Outbox, PackageNaming.RunName(settings.InstitutionCode, settings.Profile, started) + "_logins");
        Directory.CreateDirectory(folder);
        var csv = Path.Combine(folder, LoginCheckCsvWriter.FileName);
        LoginCheckCsvWriter.Write(csv, result);

        context.Out.WriteLine(result.Summary);
        if (candidates.NotSent > 0)
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {candidates.NotSent} rows not checked: a run would not send them (unknown patron type, no Match ID, mapper failure); see run --dry-run"));
        context.Out.WriteLine($"  list       {csv}");
        return result.AllMatched ? ExitCodes.Success : ExitCodes.Error;
    }

    private static LoginCheckResult LookUp(CliContext context, LdapSettings ldap, LoginCandidates candidates, CancellationToken cancellationToken)
    {
        using var directory = LdapDirectory.Connect(ldap);
        var found = directory.Lookup(candidates.People.Select(p => p.Value), cancellationToken);
        context.Logger.LogInformation("{Values} values looked up in {RoundTrips} LDAP requests ({Settings})", found.Count, directory.RoundTrips, ldap);
        return LoginCheckResult.Classify(candidates.People, found, disabledChecked: ldap.DisabledFilter is not null);
    }
}
