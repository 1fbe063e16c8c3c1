namespace AlmaIntegrationKit.Notifications;

/// <summary>When a run, or <c>job-status</c>, sends its notice (<c>Notify:When</c>).</summary>
internal enum NotifyWhen
{
    /// <summary>
    /// The default: when the run failed, a threshold aborted it, the upload failed, or rejects went over
    /// <c>Notify:RejectWarningPercent</c>; and when <c>job-status</c> finds that Alma's SIS job failed or rejected users.
    /// </summary>
    Problems,

    /// <summary>After every run, a quiet success included; and every ended run of Alma's SIS job <c>job-status</c> reads.</summary>
    Always,

    /// <summary>Never.</summary>
    Never,
}
