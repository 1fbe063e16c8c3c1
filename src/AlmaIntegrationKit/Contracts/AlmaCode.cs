namespace AlmaIntegrationKit;

/// <summary>
/// The value of an Alma code-table field such as <c>user_group</c>: the code (the element's text) and an
/// optional label (its <c>desc</c> attribute), e.g. <c>&lt;user_group desc="Faculty"&gt;FACULTY&lt;/user_group&gt;</c>.
/// Open: any string is a code; the generated code names the codes it knows as constants.
/// </summary>
/// <param name="Code">The code Alma matches on.</param>
/// <param name="Desc">The label; Alma shows its own code-table label, so this is informational.</param>
public sealed record AlmaCode(string Code, string? Desc = null)
{
    /// <summary>A code without a label.</summary>
    public static implicit operator AlmaCode(string code) => new(code);

    /// <inheritdoc />
    public override string ToString() => Desc is null ? Code : $"{Code} ({Desc})";
}
