using System.Collections.Generic;
using AlmaIntegrationKit.Generators.GroupMap;
using AlmaIntegrationKit.Generators.Schema;

namespace AlmaIntegrationKit.Generators.Emit;

/// <summary><c>AlmaUserGroups</c>: the mapping file as a typed map, and a constant for each Alma user group code.</summary>
internal static class GroupMapEmitter
{
    public static string Emit(GroupMapModel map, string generatedNamespace)
    {
        var w = new CodeWriter();
        w.Header(generatedNamespace);
        w.Line("/// <summary>");
        w.Line(map.Present
            ? "/// The college's user groups, from alma-user-groups.csv: SIS patron type → Alma user group, weight, expiry and purge."
            : "/// No alma-user-groups.csv was found (diagnostic ALMA018): the map is empty and user groups are not checked.");
        w.Line("/// </summary>");
        w.Line(CSharp.GeneratedCodeAttribute);
        w.Open("public static class AlmaUserGroups");
        var used = new HashSet<string>(System.StringComparer.Ordinal) { "Map", "AlmaUserGroups" };
        var declared = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var rule in map.Rules)
        {
            if (!declared.Add(rule.AlmaCode))
                continue;
            var name = Naming.Unique(Naming.Pascal(rule.AlmaCode), used);
            w.Line($"/// <summary>The Alma user group <c>{CSharp.EscapeXml(rule.AlmaCode)}</c>{(rule.AlmaDesc is null ? string.Empty : " (" + CSharp.EscapeXml(rule.AlmaDesc) + ")")}.</summary>");
            w.Line($"public const string {name} = {CSharp.Literal(rule.AlmaCode)};");
            w.Line();
        }

        w.Line("/// <summary>Every row of the mapping file, in file order, with lookups by SIS code.</summary>");
        w.Line("public static global::AlmaIntegrationKit.UserGroupMap Map { get; } = new(new global::AlmaIntegrationKit.UserGroupRule[]");
        w.Line("{");
        w.Indent();
        foreach (var rule in map.Rules)
        {
            w.Line($"new({CSharp.Literal(rule.SisCode)}, {CSharp.Literal(rule.AlmaCode)}, {CSharp.Literal(rule.AlmaDesc)}, {CSharp.Int(rule.Weight)}, {Period(rule.Expiry)}, {Period(rule.Purge)}, {CSharp.Literal(rule.Campus)}),");
        }

        w.Outdent();
        w.Line("});");
        w.Close();
        return w.ToString();
    }

    private static string Period(PeriodModel period) =>
        $"new global::AlmaIntegrationKit.IsoPeriod({CSharp.Int(period.Years)}, {CSharp.Int(period.Months)}, {CSharp.Int(period.Days)})";
}
