namespace AlmaIntegrationKit.Notifications;

/// <summary>How a run ended, as its notice tells it.</summary>
internal enum RunOutcome
{
    /// <summary>Exported and (unless a dry run) placed.</summary>
    Succeeded,

    /// <summary>Succeeded, but more rows were rejected than <c>Notify:RejectWarningPercent</c> allows.</summary>
    RejectsWarning,

    /// <summary>A safety threshold stopped the run before anything was placed (exit code 2).</summary>
    Aborted,

    /// <summary>The export succeeded but the zips could not be placed for Alma.</summary>
    UploadFailed,

    /// <summary>The run stopped on an error (bad settings, an unreadable source, ...).</summary>
    Failed,
}
