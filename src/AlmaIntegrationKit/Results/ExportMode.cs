namespace AlmaIntegrationKit.Results;

/// <summary>Which users a run writes.</summary>
internal enum ExportMode
{
    /// <summary>Every valid user of the extract.</summary>
    Full,

    /// <summary>Only users that are new or changed since the last successful run (needs the state file).</summary>
    Delta,
}
