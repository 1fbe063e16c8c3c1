namespace AlmaIntegrationKit.Notifications;

/// <summary>
/// How a run ended, as its notice tells it: an export run (<c>run</c>), or a run of Alma's SIS job as <c>job-status</c>
/// read it (the <c>AlmaJob</c> outcomes).
/// </summary>
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

    /// <summary>Alma's SIS job loaded the files without errors (<c>job-status</c>; told only under <see cref="NotifyWhen.Always"/>).</summary>
    AlmaJobSucceeded,

    /// <summary>Alma's SIS job failed: its status says failed, aborted or stopped (<c>job-status</c>).</summary>
    AlmaJobFailed,

    /// <summary>Alma's SIS job ended but rejected users (<c>job-status</c>).</summary>
    AlmaJobRejectedUsers,
}
