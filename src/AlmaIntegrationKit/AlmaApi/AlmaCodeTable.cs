using System.Text.Json;

namespace AlmaIntegrationKit.AlmaApi;

/// <summary>
/// One of the institution's code tables as <c>GET /conf/code-tables/{name}</c> returns it:
/// <c>{"name":..,"description":..,"row":[{"code":..,"description":..,"default":..,"enabled":..}]}</c>.
/// </summary>
/// <param name="Name">The table's code, e.g. <c>UserGroups</c>.</param>
/// <param name="Description">Its label.</param>
/// <param name="Rows">Its rows, enabled or not.</param>
internal sealed record AlmaCodeTable(string Name, string? Description, IReadOnlyList<AlmaCodeTableRow> Rows)
{
    /// <summary>The row of <paramref name="code"/>, compared as Alma compares codes (exactly), or null.</summary>
    public AlmaCodeTableRow? Find(string code) => Rows.FirstOrDefault(r => string.Equals(r.Code, code, StringComparison.Ordinal));

    internal static AlmaCodeTable Parse(string requestedName, JsonElement root) => new(
        AlmaJson.Text(root, "name") ?? requestedName,
        AlmaJson.Text(root, "description"),
        AlmaJson.Items(root, "row")
            .Select(r => new AlmaCodeTableRow(AlmaJson.Text(r, "code") ?? "", AlmaJson.Text(r, "description"), AlmaJson.Bool(r, "enabled") ?? true))
            .Where(r => r.Code.Length > 0)
            .ToList());
}

/// <summary>One row of a code table.</summary>
/// <param name="Code">The code.</param>
/// <param name="Description">Its label.</param>
/// <param name="Enabled">False when the row is disabled: Alma then refuses the code in a load.</param>
internal sealed record AlmaCodeTableRow(string Code, string? Description, bool Enabled);
