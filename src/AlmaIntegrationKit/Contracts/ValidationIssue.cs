namespace AlmaIntegrationKit;

/// <summary>How serious a <see cref="ValidationIssue"/> is.</summary>
public enum IssueSeverity
{
    /// <summary>The record must not be sent: Alma would reject it or load it wrongly.</summary>
    Error,

    /// <summary>The record can be sent, but something in it will not do what its author expects.</summary>
    Warning,
}

/// <summary>
/// One problem found in one record.
/// </summary>
/// <param name="Path">Where in the record, as an XPath-like path relative to <c>user</c>,
/// e.g. <c>contact_info/emails/email[1]/email_address</c> (indices are 1-based).</param>
/// <param name="Rule">The rule that was broken: one of <see cref="ValidationRules"/>.</param>
/// <param name="Message">What is wrong, in words a college IT person can act on.</param>
/// <param name="Severity">Whether the record is rejected for it.</param>
public readonly record struct ValidationIssue(string Path, string Rule, string Message, IssueSeverity Severity = IssueSeverity.Error)
{
    /// <inheritdoc />
    public override string ToString() => $"{(Severity == IssueSeverity.Error ? "error" : "warning")} {Rule} at {Path}: {Message}";
}
