using System.CommandLine;
using AlmaIntegrationKit.Export;

namespace AlmaIntegrationKit.Cli;

/// <summary>The commands that read Alma through its REST API: <c>check-codes</c>, <c>verify-users</c>, <c>job-status</c>.</summary>
internal static class AlmaApiCommands
{
    public static void Add<TUser>(RootCommand root, UserGroupMap map, IPatronMapper<TUser> mapper, AlmaSisHostOptions options, AlmaSisHost.GlobalOptions globals)
        where TUser : class, IAlmaUser
    {
        // check-codes
        var input = new Option<string?>("--input") { Description = "Map this canonical patron CSV instead of the configured source.", HelpName = "FILE.csv" };
        var mappingOnly = new Option<bool>("--mapping-only") { Description = "Check only the mapping file's codes, without reading the source." };
        var checkCodes = new Command("check-codes", "Compare every code the project can send (mapping file, mapper output on the source) with the institution's code tables, through the Alma API. Exit 1 when a code is unknown or disabled.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        checkCodes.Options.Add(input);
        checkCodes.Options.Add(mappingOnly);
        var command = new CheckCodesCommand<TUser>(map, mapper);
        checkCodes.SetAction((parse, ct) => AlmaSisHost.Execute(options, parse, globals, ct, (context, token) =>
            command.ExecuteAsync(context, parse.GetValue(input), parse.GetValue(mappingOnly), token)));
        root.Subcommands.Add(checkCodes);

        // verify-users
        var sample = new Option<int?>("--sample") { Description = $"Compare this many users picked at random (default {VerifyUsersCommand.DefaultSample}).", HelpName = "N" };
        var ids = new Option<string?>("--ids") { Description = "Compare the users of this file: one person_id or primary_id per line.", HelpName = "FILE" };
        var report = new Option<string?>("--report") { Description = "Write the CSV report here instead of <state folder>/alma-checks/.", HelpName = "FILE.csv" };
        var verify = new Command("verify-users", "After Alma's SIS job ran, compare Alma's users with what the state file says was last delivered: a CSV and a summary. Exit 1 when any differs or is missing.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        foreach (var option in new Option[] { sample, ids, report })
            verify.Options.Add(option);
        verify.SetAction((parse, ct) => AlmaSisHost.Execute(options, parse, globals, ct, (context, token) =>
            VerifyUsersCommand.ExecuteAsync(context, parse.GetValue(sample), parse.GetValue(ids), parse.GetValue(report), token)));
        root.Subcommands.Add(verify);

        // job-status
        var last = new Option<int>("--last") { Description = "How many runs of the job to show.", DefaultValueFactory = _ => 5, HelpName = "N" };
        var job = new Option<string?>("--job") { Description = "The Alma job id, instead of Alma:SisJobId.", HelpName = "ID" };
        var jobStatus = new Command("job-status", "Show the latest runs of the SIS integration profile's job in Alma (status, counters) and record them in the state file. Exit 1 when the latest run failed or rejected users; then a notice goes out by Notify:When, once per run of the job.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        jobStatus.Options.Add(last);
        jobStatus.Options.Add(job);
        jobStatus.SetAction((parse, ct) => AlmaSisHost.Execute(options, parse, globals, ct, (context, token) =>
            JobStatusCommand.ExecuteAsync(context, parse.GetValue(last), parse.GetValue(job), token)));
        root.Subcommands.Add(jobStatus);
    }

    /// <summary>What <c>test-connection</c> runs after the upload checks when an API key is configured: the code check over the mapping file and source.</summary>
    public static Func<CliContext, CancellationToken, Task<int>> CodeCheckFor<TUser>(UserGroupMap map, IPatronMapper<TUser> mapper)
        where TUser : class, IAlmaUser
    {
        var command = new CheckCodesCommand<TUser>(map, mapper);
        return (context, token) => command.ExecuteAsync(context, null, mappingOnly: false, token);
    }
}
