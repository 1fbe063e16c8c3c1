using System.CommandLine;
using System.Reflection;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Results;
using AlmaIntegrationKit.Sources;
using AlmaIntegrationKit.Transfer;

namespace AlmaIntegrationKit.Cli;

/// <summary>
/// The command line of a college project: <c>run</c>, <c>validate</c>, <c>status</c>, <c>upload</c>,
/// <c>test-connection</c> and <c>check-logins</c>. A college's <c>Program.cs</c> is one line:
/// <code>
/// return await AlmaSisHost.RunAsync(args, AlmaUserSchema.Instance, AlmaUserGroups.Map, new PatronMapper());
/// </code>
/// Settings come from appsettings.json and appsettings.{Environment}.json (the application's folder, then the current
/// folder), user secrets (Development only), a credentials folder, environment variables (<c>Sftp__Host</c> or
/// <c>ALMA_Sftp__Host</c>) and the command line (<c>--Export:Profile=staff</c> after the command). Exit codes:
/// <see cref="ExitCodes"/>.
/// </summary>
public static class AlmaSisHost
{
    /// <summary>Parses <paramref name="args"/>, runs the command and returns its exit code.</summary>
    /// <param name="args">The process's arguments.</param>
    /// <param name="schema">The generated schema, <c>AlmaUserSchema.Instance</c>.</param>
    /// <param name="map">The generated user-group map, <c>AlmaUserGroups.Map</c>.</param>
    /// <param name="mapper">The college's mapper.</param>
    /// <param name="configure">Optional: register database providers, add configuration or logging, capture the console.</param>
    /// <param name="cancellationToken">Stops the command (Ctrl+C and SIGTERM also do: exit 130 or 143).</param>
    /// <typeparam name="TUser">The generated user type.</typeparam>
    public static async Task<int> RunAsync<TUser>(
        string[] args,
        IAlmaSchema<TUser> schema,
        UserGroupMap map,
        IPatronMapper<TUser> mapper,
        Action<AlmaSisHostOptions>? configure = null,
        CancellationToken cancellationToken = default)
        where TUser : class, IAlmaUser
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(mapper);
        var options = new AlmaSisHostOptions();
        configure?.Invoke(options);
        var root = BuildCommand(schema, map, mapper, options);
        var invocation = new InvocationConfiguration
        {
            Output = options.Output ?? Console.Out,
            Error = options.Error ?? Console.Error,
            EnableDefaultExceptionHandler = false,
        };
        using var signals = TerminationSignals.Listen(cancellationToken, invocation.Error);
        var code = await root.Parse(args).InvokeAsync(invocation, signals.Token).ConfigureAwait(false);
        return code == ExitCodes.Interrupted ? signals.ExitCode ?? code : code;
    }

    /// <summary>The command tree, for hosts that want to add commands of their own before parsing.</summary>
    internal static RootCommand BuildCommand<TUser>(IAlmaSchema<TUser> schema, UserGroupMap map, IPatronMapper<TUser> mapper, AlmaSisHostOptions options)
        where TUser : class, IAlmaUser
    {
        ArgumentNullException.ThrowIfNull(options);
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Log details, and show the stack trace of an unexpected error.",
            Recursive = true,
        };
        var quiet = new Option<bool>("--quiet", "-q")
        {
            Description = "Print nothing but warnings and errors; the exit code tells the result.",
            Recursive = true,
        };
        var logFile = new Option<string?>("--log-file")
        {
            Description = "Also append the log lines to this file (for Windows Task Scheduler, which keeps no output); or Logging:File:Path.",
            HelpName = "PATH",
            Recursive = true,
        };
        var globals = new GlobalOptions(verbose, quiet, logFile);
        var root = new RootCommand(options.Description ?? DefaultDescription()) { TreatUnmatchedTokensAsErrors = true };
        root.Options.Add(verbose);
        root.Options.Add(quiet);
        root.Options.Add(logFile);
        VersionAction.Attach(root, Packaging.BuildVersions.Of(schema));

        // run
        var dryRun = new Option<bool>("--dry-run") { Description = $"Export and write the reports, but upload nothing and leave the state file as it is (zips go to <outbox>/{RunCommand<TUser>.DryRunFolder} unless --out is given)." };
        var full = new Option<bool>("--full") { Description = "Write every valid user (the default unless Export:Mode says Delta)." };
        var delta = new Option<bool>("--delta") { Description = "Write only users that are new or changed since the last successful run." };
        var input = new Option<string?>("--input") { Description = "Read this canonical patron CSV instead of the configured source.", HelpName = "FILE.csv" };
        var output = new Option<string?>("--out") { Description = "Use this folder as the outbox instead of Export:Outbox.", HelpName = "DIR" };
        var force = new Option<bool>("--force") { Description = "Place and upload even when a safety threshold is exceeded (the report still says so)." };
        var run = new Command("run", "Export from the configured source into the outbox, write the reports, then upload the new zips (unless --dry-run). Exit 0 done, 2 aborted by a safety threshold, 1 error.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        foreach (var option in new Option[] { dryRun, full, delta, input, output, force })
            run.Options.Add(option);
        var runCommand = new RunCommand<TUser>(schema, map, mapper);
        run.SetAction((parse, ct) => Execute(options, parse, globals, ct, (context, token) =>
        {
            if (parse.GetValue(full) && parse.GetValue(delta))
                throw new CliException("--full and --delta exclude each other; give one of them (or neither, for Export:Mode).");
            ExportMode? mode = parse.GetValue(full) ? ExportMode.Full : parse.GetValue(delta) ? ExportMode.Delta : null;
            return runCommand.ExecuteAsync(context, new RunCommand<TUser>.Flags(parse.GetValue(dryRun), mode, parse.GetValue(input), parse.GetValue(output), parse.GetValue(force)), token);
        }));
        root.Subcommands.Add(run);

        // validate
        var files = new Argument<string[]>("FILE") { Description = "Alma SIS zip or XML files, from this kit or any other tool.", Arity = ArgumentArity.OneOrMore };
        var validate = new Command("validate", "Check Alma SIS zip or XML files against the schema and Alma's rules: one line per problem (file, record, field path, rule). Exit 0 when valid, 1 when not.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        validate.Arguments.Add(files);
        validate.SetAction((parse, ct) => Execute(options, parse, globals, ct, (context, token) =>
            Task.FromResult(new ValidateCommand<TUser>(schema).Execute(context, parse.GetValue(files) ?? [], token))));
        root.Subcommands.Add(validate);

        // status
        var last = new Option<int>("--last") { Description = "How many runs to show.", DefaultValueFactory = _ => 10, HelpName = "N" };
        var status = new Command("status", "Show a run in progress, the last runs and their counts from the state file, and the zips waiting for upload.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        var statusJson = new Option<bool>("--json") { Description = "Print the status as one JSON object (runs, run in progress, pending zips, versions) for monitoring." };
        status.Options.Add(last);
        status.Options.Add(statusJson);
        status.SetAction((parse, ct) => Execute(options, parse, globals, ct, (context, _) =>
            Task.FromResult(StatusCommand.Execute(context, parse.GetValue(last), parse.GetValue(statusJson), Packaging.BuildVersions.Of(schema)))));
        root.Subcommands.Add(status);

        // upload
        var uploadOut = new Option<string?>("--out") { Description = "The outbox to upload from instead of Export:Outbox.", HelpName = "DIR" };
        var upload = new Command("upload", "Place the outbox's zips that were not placed yet (after a failed upload), without exporting again.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        upload.Options.Add(uploadOut);
        upload.SetAction((parse, ct) => Execute(options, parse, globals, ct, (context, token) => UploadCommand.ExecuteAsync(context, parse.GetValue(uploadOut), token)));
        root.Subcommands.Add(upload);

        // state
        root.Subcommands.Add(StateCommands(options, globals));

        // test-connection
        var printHostKey = new Option<bool>("--print-host-key") { Description = "Show the SFTP server's host key fingerprint, for Sftp:HostKeySha256 at first setup; trusts nothing." };
        var test = new Command("test-connection", "Check the upload destination: reachable, host key, login, write permission, room under the cap, zips Alma has not picked up.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        test.Options.Add(printHostKey);
        var almaCodeCheck = AlmaApiCommands.CodeCheckFor(map, mapper);
        test.SetAction((parse, ct) => Execute(options, parse, globals, ct, (context, token) => TestConnectionCommand.ExecuteAsync(context, parse.GetValue(printHostKey), token, almaCodeCheck)));
        root.Subcommands.Add(test);

        // check-logins
        var loginsInput = new Option<string?>("--input") { Description = "Read this canonical patron CSV instead of the configured source.", HelpName = "FILE.csv" };
        var loginsOut = new Option<string?>("--out") { Description = "Write login-check.csv into this folder instead of a new folder in the outbox.", HelpName = "DIR" };
        var accounts = new Option<string?>("--accounts") { Description = "Compare with this export of the identity provider's accounts (SAML) instead of searching the directory (Ldap settings).", HelpName = "FILE.csv" };
        var column = new Option<string?>("--column") { Description = "The column of --accounts holding the attribute the identity provider releases (default: its only column).", HelpName = "NAME" };
        var checkLogins = new Command("check-logins", "Check that every person a run would send can log in: look the value Alma receives (Export:MatchId) up in the campus directory or in --accounts. Exit 0 all matched, 1 otherwise.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        foreach (var option in new Option[] { loginsInput, loginsOut, accounts, column })
            checkLogins.Options.Add(option);
        checkLogins.SetAction((parse, ct) => Execute(options, parse, globals, ct, (context, token) => new CheckLoginsCommand<TUser>(map, mapper).ExecuteAsync(context,
            new CheckLoginsCommand<TUser>.Flags(parse.GetValue(loginsInput), parse.GetValue(loginsOut), parse.GetValue(accounts), parse.GetValue(column)), token)));
        root.Subcommands.Add(checkLogins);
        // check-codes, verify-users, job-status (the Alma REST API)
        AlmaApiCommands.Add(root, map, mapper, options, globals);

        return root;
    }

    private static Command StateCommands(AlmaSisHostOptions options, GlobalOptions globals)
    {
        var state = new Command("state", "Look at the feed's state file, or change it by hand with a reason that is kept: show, reset, release-id.");
        var show = new Command("show", "What the state holds: the feed, people delivered and pending, bindings, zips waiting, the history.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        show.SetAction((parse, ct) => Execute(options, parse, globals, ct, (context, _) => Task.FromResult(StateCommand.Show(context))));
        state.Subcommands.Add(show);

        var resetReason = new Option<string?>("--reason") { Description = "Why (kept in the state's history), e.g. \"cutover to production\".", HelpName = "TEXT" };
        var reset = new Command("reset", "Forget what Alma has (after the cutover to production, or after Alma was reloaded): the next run sends everyone.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        reset.Options.Add(resetReason);
        reset.SetAction((parse, ct) => Execute(options, parse, globals, ct, (context, _) => Task.FromResult(StateCommand.Reset(context, parse.GetValue(resetReason)))));
        state.Subcommands.Add(reset);

        var value = new Argument<string>("VALUE") { Description = "The primary_id or identifier value." };
        var releaseReason = new Option<string?>("--reason") { Description = "Why the value may now go to another person (kept in the history).", HelpName = "TEXT" };
        var release = new Command("release-id", "Let a primary_id or identifier value delivered for one person be delivered for another (a login really reassigned).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        release.Arguments.Add(value);
        release.Options.Add(releaseReason);
        release.SetAction((parse, ct) => Execute(options, parse, globals, ct, (context, _) =>
            Task.FromResult(StateCommand.ReleaseId(context, parse.GetValue(value)!, parse.GetValue(releaseReason)))));
        state.Subcommands.Add(release);
        return state;
    }

    internal static async Task<int> Execute(AlmaSisHostOptions options, ParseResult parse, GlobalOptions globals, CancellationToken cancellationToken,
        Func<CliContext, CancellationToken, Task<int>> command)
    {
        var verbose = parse.GetValue(globals.Verbose);
        var error = options.Error ?? Console.Error;
        CliContext? context = null;
        try
        {
            context = CliContext.Create(options, parse.UnmatchedTokens, verbose, parse.GetValue(globals.Quiet), parse.GetValue(globals.LogFile));
            return await command(context, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException exception)
        {
            error.WriteLine(exception.Problems.Count == 1 ? "error: " + exception.Problems[0] : "error: the settings need fixing:");
            if (exception.Problems.Count > 1)
            {
                foreach (var problem in exception.Problems)
                    error.WriteLine("  " + problem);
            }

            return ExitCodes.Error;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The clean-up ran on the way here (using blocks); a progress display that was cut short shows the cursor again.
            context?.Ansi?.Cursor.Show(true);
            error.WriteLine("cancelled: temporary files were removed and nothing more was placed. Run again to finish.");
            return ExitCodes.Interrupted;
        }
        catch (Exception exception) when (exception is SourceConfigurationException or TransferException or State.StateFileException)
        {
            error.WriteLine("error: " + exception.Message);
            if (verbose)
                error.WriteLine(exception.ToString());
            return ExitCodes.Error;
        }
        catch (Exception exception)
        {
            error.WriteLine($"error: {Describe(exception)}");
            error.WriteLine(verbose ? exception.ToString() : "Run again with --verbose for the details.");
            return ExitCodes.Error;
        }
        finally
        {
            context?.Dispose();
            error.Flush();
        }
    }

    /// <summary>The options every command takes.</summary>
    internal sealed record GlobalOptions(Option<bool> Verbose, Option<bool> Quiet, Option<string?> LogFile);

    private static string Describe(Exception exception) => exception switch
    {
        UnauthorizedAccessException => $"access denied: {exception.Message} Check that this account may read and write the folders in Export:Outbox and Export:StateFile.",
        IOException => $"a file could not be read or written: {exception.Message}",
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };

    private static string DefaultDescription()
    {
        var name = Assembly.GetEntryAssembly()?.GetName().Name;
        return $"Alma SIS feed{(name is null ? "" : " of " + name)}: export patrons from the SIS into Alma user zips, validate, and upload them.";
    }
}
