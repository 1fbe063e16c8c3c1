using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace AlmaIntegrationKit.AlmaApi;

/// <summary>
/// Gathers every code a project can send: the mapping file's Alma codes, and every code-table field of the users the
/// college's mapper makes from the source rows (identifier types, email, phone and address types, statistical
/// categories, campus), found through the <see cref="AlmaFieldAttribute"/> the generator puts on each property.
/// </summary>
internal sealed class SentCodeCollector
{
    /// <summary>The field of the campus code: the Campus List is general configuration, not a code table the API returns.</summary>
    public const string CampusField = "campus_code";

    private static readonly ConcurrentDictionary<Type, FieldPlan[]> Plans = new();

    private readonly Dictionary<(string? Table, string Field, string Code), (string Origin, long Count)> _codes = new();

    /// <summary>The codes gathered, by table, field and code.</summary>
    public IReadOnlyList<SentCode> Codes =>
        _codes.Select(p => new SentCode(p.Key.Table, p.Key.Field, p.Key.Code, p.Value.Origin, p.Value.Count))
            .OrderBy(c => c.Table ?? "~", StringComparer.Ordinal).ThenBy(c => c.Field, StringComparer.Ordinal).ThenBy(c => c.Code, StringComparer.Ordinal)
            .ToList();

    /// <summary>Adds the Alma codes (user groups, default campuses) of the mapping file.</summary>
    public void AddMap(UserGroupMap map, string mappingFileName = "alma-user-groups.csv")
    {
        ArgumentNullException.ThrowIfNull(map);
        foreach (var rule in map.Rules)
        {
            Add("UserGroups", "user_group", rule.AlmaCode, $"{mappingFileName}, the rule of SIS code {rule.SisCode}");
            if (!string.IsNullOrWhiteSpace(rule.Campus))
                Add(null, CampusField, rule.Campus, $"{mappingFileName}, the default campus of SIS code {rule.SisCode}");
        }
    }

    /// <summary>Adds every code of <paramref name="user"/> (a generated user), seen at <paramref name="origin"/>.</summary>
    public void AddUser(object user, string origin)
    {
        ArgumentNullException.ThrowIfNull(user);
        Walk(user, "", origin, depth: 0);
    }

    /// <summary>Adds one code.</summary>
    public void Add(string? table, string field, string code, string origin)
    {
        if (string.IsNullOrWhiteSpace(code))
            return;
        var key = (table, field, code.Trim());
        _codes[key] = _codes.TryGetValue(key, out var seen) ? (seen.Origin, seen.Count + 1) : (origin, 1);
    }

    /// <summary>
    /// The code table behind a schema field: the <c>CodeTable</c> of its appinfo, or for Alma's mapping tables
    /// (<c>MT_UserRecordType2EmailType_by_CT_UserEmailTypes_...</c>) the table they map into (<c>UserEmailTypes</c>).
    /// </summary>
    public static string? TableOf(string? codeTable)
    {
        if (string.IsNullOrWhiteSpace(codeTable))
            return null;
        var by = codeTable.IndexOf("_by_CT_", StringComparison.Ordinal);
        if (by < 0)
            return codeTable;
        var rest = codeTable[(by + "_by_CT_".Length)..];
        var end = rest.IndexOf("_source", StringComparison.Ordinal);
        return end < 0 ? rest : rest[..end];
    }

    private void Walk(object node, string path, string origin, int depth)
    {
        if (depth > 8)
            return; // the schema nests a few levels; a cycle would be a generator bug, not a reason to hang
        foreach (var field in Plans.GetOrAdd(node.GetType(), Plan))
        {
            var value = field.Property.GetValue(node);
            if (value is null)
                continue;
            var fieldPath = path.Length == 0 ? field.XmlName : path + "/" + field.XmlName;
            switch (value)
            {
                case AlmaCode code:
                    if (field.Table is not null || field.XmlName == CampusField)
                        Add(field.Table, fieldPath, code.Code, origin);
                    break;
                case IEnumerable<AlmaCode> codes:
                    foreach (var code in codes)
                        Add(field.Table, fieldPath, code.Code, origin);
                    break;
                case IEnumerable items when field.Nested:
                    foreach (var item in items)
                    {
                        if (item is not null)
                            Walk(item, fieldPath, origin, depth + 1);
                    }

                    break;
                default:
                    if (field.Nested)
                        Walk(value, fieldPath, origin, depth + 1);
                    break;
            }
        }
    }

    private static FieldPlan[] Plan(Type type)
    {
        var plans = new List<FieldPlan>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<AlmaFieldAttribute>() is not { } field || property.GetIndexParameters().Length > 0)
                continue;
            var propertyType = property.PropertyType;
            var element = propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(List<>) ? propertyType.GetGenericArguments()[0] : propertyType;
            if (element == typeof(AlmaCode))
            {
                plans.Add(new FieldPlan(property, field.XmlName, TableOf(field.CodeTable), Nested: false));
            }
            else if (element.IsClass && element != typeof(string) && element.Assembly == type.Assembly)
            {
                // A generated type of the same schema (contact_info, email, user_identifier...): walked into.
                plans.Add(new FieldPlan(property, field.XmlName, null, Nested: true));
            }
        }

        return [.. plans];
    }

    private sealed record FieldPlan(PropertyInfo Property, string XmlName, string? Table, bool Nested);
}
