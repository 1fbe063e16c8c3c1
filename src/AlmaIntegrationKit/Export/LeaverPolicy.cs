namespace AlmaIntegrationKit.Export;

/// <summary>What happens to people who were sent before and are gone from the extract.</summary>
internal enum LeaverPolicy
{
    /// <summary>Nothing: their expiry date stands and Alma expires them in time (the default).</summary>
    Nothing,

    /// <summary>Send them once as INACTIVE with expiry today (needs the state file).</summary>
    SendInactive,
}
