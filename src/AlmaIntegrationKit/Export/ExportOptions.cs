using AlmaIntegrationKit.Results;

namespace AlmaIntegrationKit.Export;

/// <summary>Everything one export run needs to know besides its source, schema, mapping and mapper.</summary>
internal sealed record ExportOptions
{
    /// <summary>The Alma institution code that starts every file name, e.g. <c>01MAIN</c>.</summary>
    public required string InstitutionCode { get; init; }

    /// <summary>The integration profile the files are for, e.g. <c>students</c>.</summary>
    public required string Profile { get; init; }

    /// <summary>The folder the zips are placed in.</summary>
    public required string OutboxDirectory { get; init; }

    /// <summary>
    /// The folder the run's <c>manifest.json</c>, <c>rejects.csv</c> and <c>merged.csv</c> go to; by default a folder
    /// named after the run inside the outbox.
    /// </summary>
    public string? ReportDirectory { get; init; }

    /// <summary>The SQLite state file; without one there is no delta mode, no leaver policy and no drop threshold.</summary>
    public string? StatePath { get; init; }

    /// <summary>When the run started (UTC): names the run and its zips.</summary>
    public required DateTimeOffset StartedUtc { get; init; }

    /// <summary>The run date (expiry dates are counted from it); by default the UTC date of <see cref="StartedUtc"/>.</summary>
    public DateOnly? RunDate { get; init; }

    /// <summary>At most this many users per XML file (<c>Export:UsersPerFile</c>, default 10,000).</summary>
    public int UsersPerFile { get; init; } = 10_000;

    /// <summary>At most this many XML files per zip (default 50, Alma's limit).</summary>
    public int XmlFilesPerZip { get; init; } = Packaging.PackagingOptions.MaxXmlFilesPerZip;

    /// <summary>The profile's Match ID: <c>primary_id</c> (default) or an identifier type code.</summary>
    public MatchId MatchId { get; init; } = MatchId.PrimaryId;

    /// <summary>Full or delta.</summary>
    public ExportMode Mode { get; init; } = ExportMode.Full;

    /// <summary>What to do with people gone from the extract.</summary>
    public LeaverPolicy Leavers { get; init; } = LeaverPolicy.Nothing;

    /// <summary>The abort thresholds.</summary>
    public SafetyOptions Safety { get; init; } = new();

    /// <summary>Values sent the same for every user, handed to the mapper (<see cref="PatronMappingContext.Feed"/>).</summary>
    public FeedConstants Constants { get; init; } = FeedConstants.None;

    /// <summary>Place the files even when a threshold is exceeded (the verdicts still say so).</summary>
    public bool Force { get; init; }

    /// <summary>A dry run: the manifest and reports say so, and nothing of it is ever placed for Alma.</summary>
    public bool DryRun { get; init; }

    /// <summary>The Alma environment the files go to (<c>production</c> or <c>sandbox</c>): part of the feed a state file belongs to.</summary>
    public string AlmaEnvironment { get; init; } = State.FeedIdentity.Production;

    /// <summary>
    /// SIS status values and the Alma status each stands for (ACTIVE or INACTIVE), compared ignoring case, beside ACTIVE
    /// and INACTIVE themselves, e.g. <c>DECEASED = INACTIVE</c>. A row with any other status is rejected.
    /// </summary>
    public IReadOnlyDictionary<string, string> StatusMap { get; init; } = new Dictionary<string, string>();

    /// <summary>What to do with an ACTIVE user whose expiry date is already past.</summary>
    public ExpiredActivePolicy ExpiredActive { get; init; } = ExpiredActivePolicy.Warn;

    /// <summary>The feed the state file belongs to.</summary>
    public State.FeedIdentity Feed => new(InstitutionCode, Profile, AlmaEnvironment);

    /// <summary>The run date in effect.</summary>
    public DateOnly EffectiveRunDate => RunDate ?? DateOnly.FromDateTime(StartedUtc.UtcDateTime);

    /// <summary>The run's name, <c>&lt;institution-code&gt;_&lt;profile&gt;_&lt;UTC yyyyMMddTHHmmssZ&gt;</c>.</summary>
    public string RunName => Packaging.PackageNaming.RunName(InstitutionCode, Profile, StartedUtc);

    /// <summary>Throws when the options contradict each other.</summary>
    public void Check()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(InstitutionCode);
        ArgumentException.ThrowIfNullOrWhiteSpace(Profile);
        ArgumentException.ThrowIfNullOrWhiteSpace(OutboxDirectory);
        if (StatePath is null && Mode == ExportMode.Delta)
            throw new ArgumentException("Delta mode needs a state file (StatePath): it compares with what was sent before.");
        if (StatePath is null && Leavers == LeaverPolicy.SendInactive)
            throw new ArgumentException("The SendInactive leaver policy needs a state file (StatePath): it knows who was sent before.");
    }
}
