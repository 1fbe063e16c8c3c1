namespace AlmaIntegrationKit.Notifications;

/// <summary>When a run sends its notice (<c>Notify:When</c>).</summary>
internal enum NotifyWhen
{
    /// <summary>
    /// The default: when the run failed, a threshold aborted it, the upload failed, or rejects went over
    /// <c>Notify:RejectWarningPercent</c>.
    /// </summary>
    Problems,

    /// <summary>After every run, a quiet success included.</summary>
    Always,

    /// <summary>Never.</summary>
    Never,
}
