using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.Sources;
using AlmaIntegrationKit.State;

namespace AlmaIntegrationKit.Cli.Startup;

/// <summary>
/// How a nightly run gets its code compiled before it needs it, in one place: a JIT profile of the last run of the same
/// build played back (<see cref="JitProfile"/>), or, without one, a warm-up thread that compiles the rest of the run
/// while the export's first pass reads (<see cref="JitWarmUp"/>). A run works the same either way, only slower when
/// neither has been done; nothing here can fail a run.
/// </summary>
internal static class StartupCompilation
{
    /// <summary>
    /// Starts compiling ahead for an export of <paramref name="source"/> with <paramref name="schema"/> and
    /// <paramref name="mapper"/>: plays back the profile in <paramref name="profileFolder"/> when this build recorded one
    /// there (and records one for the next run), else warms up. Call it just before the export starts.
    /// </summary>
    /// <param name="profileFolder">The folder of the JIT profile (the state file's), or null to record none.</param>
    /// <param name="schema">The generated schema.</param>
    /// <param name="mapper">The college's mapper.</param>
    /// <param name="source">The source the export reads.</param>
    /// <returns>Whether a profile is played back (otherwise the warm-up runs).</returns>
    public static bool Begin<TUser>(string? profileFolder, IAlmaSchema<TUser> schema, IPatronMapper<TUser> mapper, IPatronSource source)
        where TUser : class, IAlmaUser
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(mapper);
        ArgumentNullException.ThrowIfNull(source);
        if (profileFolder is not null && JitProfile.Start(profileFolder))
            return true;
        WarmUp(schema, mapper, source);
        return false;
    }

    /// <summary>
    /// What the run needs, roughly in the order it needs it: the state database and the report CSV writers, the first
    /// and second pass, the generated code, packaging, and last the manifest and the run report that the host renders
    /// right after. A type missing here costs a first run only the time to compile it where it is first used.
    /// </summary>
    private static void WarmUp<TUser>(IAlmaSchema<TUser> schema, IPatronMapper<TUser> mapper, IPatronSource source)
        where TUser : class, IAlmaUser => JitWarmUp.Start(
        [WarmUpExercises.StateFile, WarmUpExercises.ReportCsv],
        [
            typeof(CsvPatronKeyScanner), typeof(MergePlan), typeof(PartitionedSpillFile), typeof(PlainCsvRecords),
            source.GetType(), typeof(PatronRowBuilder), typeof(PatronRow), mapper.GetType(), typeof(SecondPass<TUser>),
            typeof(MergeDecision<TUser>), typeof(RowDecision<TUser>), typeof(OutcomeRecorder<TUser>), typeof(FeedIdRegistry), typeof(Xml.AlmaXmlEmitter),
            typeof(Xml.XmlCharacters), typeof(Validation.AlmaChecks),
        ],
        generatedCode: schema.GetType(),
        [
            typeof(UserXmlRecords<TUser>), typeof(ZipPackager<TUser>), typeof(ExportStateRun), typeof(RejectsCsvWriter),
            typeof(MergedCsvWriter), typeof(LeaverSend<TUser>),
        ],
        afterwards: () =>
        {
            WarmUpExercises.Manifest();
            WarmUpExercises.RunReport();
        });
}
