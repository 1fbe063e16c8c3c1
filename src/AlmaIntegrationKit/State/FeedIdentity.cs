namespace AlmaIntegrationKit.State;

/// <summary>
/// The feed a state file belongs to: one Alma institution, one SIS integration profile, one Alma environment. Runs of
/// one feed never see another's people: each feed has its own file, and a file refuses a run of another feed.
/// </summary>
/// <param name="InstitutionCode">The Alma institution code, e.g. <c>01MAIN_INST</c>.</param>
/// <param name="Profile">The SIS integration profile, e.g. <c>students</c>.</param>
/// <param name="Environment">The Alma environment the files go to: <c>production</c> or <c>sandbox</c>.</param>
internal sealed record FeedIdentity(string InstitutionCode, string Profile, string Environment)
{
    /// <summary>The environment of a feed whose settings name none.</summary>
    public const string Production = "production";

    /// <summary>The sandbox environment.</summary>
    public const string Sandbox = "sandbox";

    /// <summary>The state file's name for this feed: <c>01MAIN_INST.students.production.db</c>.</summary>
    public string FileName => $"{InstitutionCode}.{Profile}.{Environment}.db";

    /// <inheritdoc />
    public override string ToString() => $"{InstitutionCode}/{Profile}/{Environment}";
}
