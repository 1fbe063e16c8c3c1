namespace AlmaIntegrationKit.AlmaApi;

/// <summary>
/// A code the project can send in a code-table field, with where it first came from and how often it was seen.
/// </summary>
/// <param name="Table">The Alma code table it must be a code of, or null when the field has none the API returns
/// (campus_code: the Campus List).</param>
/// <param name="Field">The field path, e.g. <c>user_identifiers/user_identifier/id_type</c>.</param>
/// <param name="Code">The code.</param>
/// <param name="Origin">Where it comes from: the mapping file's line, or the mapper on a source row.</param>
/// <param name="Count">How many times it was seen.</param>
internal sealed record SentCode(string? Table, string Field, string Code, string Origin, long Count);
