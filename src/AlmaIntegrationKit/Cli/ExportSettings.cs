using System.Globalization;
using System.Text.RegularExpressions;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Results;
using AlmaIntegrationKit.Sources;
using AlmaIntegrationKit.State;
using Microsoft.Extensions.Configuration;

namespace AlmaIntegrationKit.Cli;

/// <summary>
/// The <c>Export</c>, <c>Safety</c>, <c>Source</c>, <c>Database</c> and <c>Report</c> settings of a run, read and
/// checked together so that every problem is reported at once, each naming the setting and what to put there.
/// </summary>
internal sealed record ExportSettings
{
    public const string DefaultOutbox = "outbox";
    public const string StateFolder = "state";

    /// <summary>The one state file of every feed before state files were kept per feed.</summary>
    public const string LegacyStateFile = "state/export-state.db";
    public const string CsvKind = "csv";

    public required string InstitutionCode { get; init; }

    public required string Profile { get; init; }

    public required string Outbox { get; init; }

    public required string StateFile { get; init; }

    public required int UsersPerFile { get; init; }

    public required MatchId MatchId { get; init; }

    public required LeaverPolicy Leavers { get; init; }

    public required ExportMode Mode { get; init; }

    public required SafetyOptions Safety { get; init; }

    public required FeedIdentity Feed { get; init; }

    public required IReadOnlyDictionary<string, string> StatusMap { get; init; }

    public required ExpiredActivePolicy ExpiredActive { get; init; }

    public IsoPeriod? FullRunEvery { get; init; }

    public string? TemplateFolder { get; init; }

    /// <summary>How many days local zips, run folders and dry runs are kept (they hold personal data); 0 keeps them forever.</summary>
    public int KeepDays { get; init; } = DefaultKeepDays;

    public const int DefaultKeepDays = 30;

    /// <summary>The CSV file, for a CSV source.</summary>
    public string? CsvPath { get; init; }

    /// <summary>The database settings, for a database source.</summary>
    public DatabaseSourceOptions? Database { get; init; }

    /// <summary>Values sent the same for every user (<c>Export:PreferredLanguage</c>, <c>Export:RsLibraries</c>).</summary>
    public FeedConstants Constants { get; init; } = FeedConstants.None;

    /// <summary>
    /// The outbox and the state file of the configured feed (for <c>status</c> and <c>upload</c> too, which need
    /// nothing else): <c>Export:StateFile</c> when set, else <c>state/&lt;institution&gt;.&lt;profile&gt;.&lt;environment&gt;.db</c>.
    /// </summary>
    public static (string Outbox, string StateFile) ReadPaths(CliContext context, string? outOverride = null)
    {
        var export = context.Configuration.GetSection("Export");
        var outbox = context.FullPath(outOverride ?? Text(export["Outbox"]) ?? DefaultOutbox);
        if (Text(export["StateFile"]) is { } explicitPath)
            return (outbox, context.FullPath(explicitPath));
        var feed = FeedOf(export, []);
        var stateFile = context.FullPath(Path.Combine(StateFolder, feed?.FileName ?? Path.GetFileName(LegacyStateFile)));
        var legacy = context.FullPath(LegacyStateFile);
        if (feed is not null && !File.Exists(stateFile) && File.Exists(legacy))
        {
            throw new CliException(
                $"Found the state file of an earlier version, {legacy}, which served every profile of the project. State is now kept per feed " +
                $"(institution, profile, Alma environment): if {legacy} is the state of the feed {feed}, move it to {stateFile} " +
                $"(mv \"{legacy}\" \"{stateFile}\"); if it belongs to another profile, run that profile first. Nothing was changed.");
        }

        return (outbox, stateFile);
    }

    /// <summary>The feed the settings name, or null (with the problems added) when institution or profile is missing or not a safe name.</summary>
    private static FeedIdentity? FeedOf(IConfigurationSection export, List<string> problems)
    {
        var count = problems.Count;
        var institution = Text(export["InstitutionCode"]);
        if (institution is null)
            problems.Add("Export:InstitutionCode is not set; set your Alma institution code (e.g. 01MAIN_INST), which starts every file name, in appsettings.json or as --Export:InstitutionCode=...");
        else if (!SafeName.IsMatch(institution))
            problems.Add($"Export:InstitutionCode '{institution}' is not a safe file name; set the institution code as Alma shows it (letters, digits, '_', '-' or '.').");

        var profile = Text(export["Profile"]);
        if (profile is null)
            problems.Add("Export:Profile is not set; set the name of the Alma SIS integration profile the files are for (e.g. students), which goes into every file name.");
        else if (!SafeName.IsMatch(profile))
            problems.Add($"Export:Profile '{profile}' is not a safe file name; use letters, digits, '-', '_' or '.', starting with a letter or digit.");

        var environment = Text(export["AlmaEnvironment"])?.ToLowerInvariant() ?? FeedIdentity.Production;
        if (environment is not (FeedIdentity.Production or FeedIdentity.Sandbox))
            problems.Add($"Export:AlmaEnvironment is '{environment}'; set production or sandbox (the Alma environment the files go to; each keeps its own state).");

        return problems.Count == count ? new FeedIdentity(institution!, profile!, environment) : null;
    }

    private static readonly Regex SafeName = new("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant);


    /// <summary>Reads everything a run needs; throws a <see cref="CliException"/> with every problem.</summary>
    public static ExportSettings Read(CliContext context, string? inputOverride, string? outOverride, ExportMode? modeOverride)
    {
        var config = context.Configuration;
        var problems = new List<string>();
        var export = config.GetSection("Export");
        var safety = config.GetSection("Safety");

        var feed = FeedOf(export, problems);

        var usersPerFile = Int(export, "Export:UsersPerFile", 10_000, problems);
        if (usersPerFile is < 1 or > 1_000_000)
            problems.Add($"Export:UsersPerFile is {usersPerFile}; set a number of users per XML file from 1 to 1000000 (default 10000).");

        var leavers = LeaverPolicy.Nothing;
        if (Text(export["LeaverPolicy"]) is { } leaverText && !TryEnum(leaverText, out leavers))
            problems.Add($"Export:LeaverPolicy is '{leaverText}'; set {string.Join(" or ", Enum.GetNames<LeaverPolicy>())}.");

        var mode = ExportMode.Full;
        if (modeOverride is { } m)
            mode = m;
        else if (Text(export["Mode"]) is { } modeText && !TryEnum(modeText, out mode))
            problems.Add($"Export:Mode is '{modeText}'; set Full or Delta (or use --full / --delta).");

        var expiredActive = ExpiredActivePolicy.Warn;
        if (Text(export["ExpiredActive"]) is { } expiredText && !TryEnum(expiredText, out expiredActive))
            problems.Add($"Export:ExpiredActive is '{expiredText}'; set Warn, Reject or Allow (what to do with an ACTIVE user whose expiry date has passed).");

        var statusMap = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in export.GetSection("StatusMap").GetChildren())
        {
            var almaStatus = Text(entry.Value)?.ToUpperInvariant();
            if (almaStatus is not ("ACTIVE" or "INACTIVE"))
                problems.Add($"Export:StatusMap:{entry.Key} is '{entry.Value}'; map each SIS status value to ACTIVE or INACTIVE.");
            else
                statusMap[entry.Key] = almaStatus;
        }

        IsoPeriod? fullRunEvery = null;
        if (Text(export["FullRunEvery"]) is { } everyText)
        {
            if (IsoPeriod.TryParse(everyText, out var every))
                fullRunEvery = every;
            else
                problems.Add($"Export:FullRunEvery is '{everyText}'; set an ISO 8601 period such as P7D (a full run at least every 7 days) or remove it.");
        }

        var keepDays = Int(export, "Export:KeepDays", DefaultKeepDays, problems);
        if (keepDays is < 0 or > 3650)
            problems.Add($"Export:KeepDays is {keepDays}; set how many days the outbox keeps zips, run folders and dry runs, from 1 to 3650 (default {DefaultKeepDays}), or 0 to keep them forever.");

        var maxReject = Percent(safety, "Safety:MaxRejectPercent", new SafetyOptions().MaxRejectPercent, problems);
        var maxDrop = Percent(safety, "Safety:MaxDropPercent", new SafetyOptions().MaxDropPercent, problems);

        var constants = ReadFeedConstants(export, problems);

        var templateFolder = Text(config["Report:TemplateFolder"]) is { } t ? context.FullPath(t) : null;
        if (templateFolder is not null && !Directory.Exists(templateFolder))
            problems.Add($"Report:TemplateFolder '{templateFolder}' does not exist; create it with your run-report templates or remove the setting to use the built-in ones.");

        string? csvPath = null;
        DatabaseSourceOptions? database = null;
        ReadSource(context, inputOverride, problems, ref csvPath, ref database);

        if (problems.Count > 0)
            throw new CliException(problems);

        var (outbox, stateFile) = ReadPaths(context, outOverride);
        return new ExportSettings
        {
            InstitutionCode = feed!.InstitutionCode,
            Profile = feed.Profile,
            Feed = feed,
            StatusMap = statusMap,
            ExpiredActive = expiredActive,
            FullRunEvery = fullRunEvery,
            Outbox = outbox,
            StateFile = stateFile,
            UsersPerFile = usersPerFile,
            MatchId = MatchId.Parse(export["MatchId"]),
            Leavers = leavers,
            Mode = mode,
            Safety = new SafetyOptions { MaxRejectPercent = maxReject, MaxDropPercent = maxDrop },
            TemplateFolder = templateFolder,
            KeepDays = keepDays,
            CsvPath = csvPath,
            Database = database,
            Constants = constants,
        };
    }

    private static FeedConstants ReadFeedConstants(IConfigurationSection export, List<string> problems)
    {
        var language = Text(export["PreferredLanguage"]);
        if (language is not null && !IsCode(language))
            problems.Add($"Export:PreferredLanguage is '{language}'; set a code of Alma's UserPreferredLanguage table (e.g. en), or remove the setting.");

        // One library as text, several as "A|B" or as a JSON array.
        var section = export.GetSection("RsLibraries");
        var libraries = section.GetChildren().Any()
            ? section.GetChildren().Select(child => Text(child.Value)).OfType<string>().ToList()
            : PatronRow.SplitList(Text(section.Value)).ToList();
        foreach (var library in libraries.Where(library => !IsCode(library)))
            problems.Add($"Export:RsLibraries holds '{library}', which is not a library code; list Alma library codes, e.g. [\"MAIN\", \"LAW\"].");

        return language is null && libraries.Count == 0 ? FeedConstants.None : new FeedConstants { PreferredLanguage = language, RsLibraries = libraries };
    }

    private static bool IsCode(string text) => text.Length <= 50 && !text.Any(char.IsWhiteSpace);

    /// <summary>The source the settings name.</summary>
    public IPatronSource CreateSource(DbProviderRegistry providers) =>
        CsvPath is not null ? new CsvPatronSource(CsvPath) : new DatabasePatronSource(Database!, providers);

    private static void ReadSource(CliContext context, string? inputOverride, List<string> problems, ref string? csvPath, ref DatabaseSourceOptions? database)
    {
        var config = context.Configuration;
        if (inputOverride is not null)
        {
            csvPath = context.FullPath(inputOverride);
            if (!File.Exists(csvPath))
                problems.Add($"The input file '{csvPath}' (--input) does not exist; give the path of the canonical patron CSV.");
            return;
        }

        var kind = Text(config["Source:Kind"]);
        if (kind is null)
        {
            problems.Add($"Source:Kind is not set; set csv (with Source:Path, the canonical patron CSV) or a database provider ({string.Join(", ", context.Providers.Names)}, or one the project registers) with Database:ConnectionString and Database:QueryFile; or give --input FILE.csv.");
            return;
        }

        if (string.Equals(kind, CsvKind, StringComparison.OrdinalIgnoreCase))
        {
            var path = Text(config["Source:Path"]);
            if (path is null)
            {
                problems.Add("Source:Path is not set; set the path of the canonical patron CSV file (or give --input FILE.csv).");
                return;
            }

            csvPath = context.FullPath(path);
            if (!File.Exists(csvPath))
                problems.Add($"Source:Path '{csvPath}' does not exist; check the path, or that the SIS extract was written before this run.");
            return;
        }

        var db = config.GetSection("Database");
        var provider = string.Equals(kind, "database", StringComparison.OrdinalIgnoreCase) ? Text(db["Provider"]) ?? "" : kind;
        if (Text(db["Provider"]) is { } configuredProvider && !string.Equals(configuredProvider, provider, StringComparison.OrdinalIgnoreCase))
            problems.Add($"Source:Kind is '{kind}' but Database:Provider is '{configuredProvider}'; set Source:Kind to the provider (or to 'database' to use Database:Provider).");
        if (!context.Providers.TryGet(provider, out _))
        {
            try
            {
                context.Providers.Get(provider);
            }
            catch (SourceConfigurationException exception)
            {
                problems.Add($"Source:Kind is '{kind}': {exception.Message}");
            }

            return;
        }

        var connection = Text(db["ConnectionString"]) ?? Text(config.GetConnectionString("Sis"));
        if (connection is null)
            problems.Add($"Database:ConnectionString is not set; set the connection string of the {provider} database in user secrets or the environment (Database__ConnectionString), not in appsettings.json.");
        var query = Text(db["QueryFile"]);
        string? queryPath = null;
        if (query is null)
        {
            problems.Add("Database:QueryFile is not set; set the path of the .sql extract query whose result columns are the canonical patron columns.");
        }
        else
        {
            queryPath = context.FullPath(query);
            if (!File.Exists(queryPath))
                problems.Add($"Database:QueryFile '{queryPath}' does not exist; check the path of the .sql extract query.");
        }

        var timeout = Int(db, "Database:CommandTimeoutSeconds", 300, problems);
        database = new DatabaseSourceOptions
        {
            Provider = provider,
            ConnectionString = connection ?? "",
            QueryFile = queryPath ?? "",
            CommandTimeoutSeconds = timeout,
        };
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool TryEnum<T>(string text, out T value)
        where T : struct, Enum =>
        Enum.TryParse(text.Trim(), ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);

    private static int Int(IConfigurationSection section, string key, int fallback, List<string> problems)
    {
        var text = Text(section[key[(key.IndexOf(':') + 1)..]]);
        if (text is null)
            return fallback;
        if (int.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            return value;
        problems.Add($"{key} is '{text}', which is not a whole number; set e.g. {fallback}.");
        return fallback;
    }

    private static double Percent(IConfigurationSection section, string key, double fallback, List<string> problems)
    {
        var text = Text(section[key[(key.IndexOf(':') + 1)..]]);
        if (text is null)
            return fallback;
        if (double.TryParse(text.TrimEnd('%', ' '), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 100)
            return value;
        problems.Add($"{key} is '{text}'; set a percentage from 0 to 100 (default {fallback.ToString(CultureInfo.InvariantCulture)}).");
        return fallback;
    }
}
