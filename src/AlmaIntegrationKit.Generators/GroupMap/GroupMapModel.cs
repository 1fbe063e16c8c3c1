using AlmaIntegrationKit.Generators.Common;

namespace AlmaIntegrationKit.Generators.GroupMap;

internal readonly record struct PeriodModel(int Years, int Months, int Days);

internal sealed record GroupRuleModel(
    string SisCode,
    string AlmaCode,
    string? AlmaDesc,
    int Weight,
    PeriodModel Expiry,
    PeriodModel Purge,
    string? Campus);

/// <summary>The mapping file's rules, without locations. <see cref="Present"/> is false when the project has no mapping file.</summary>
internal sealed record GroupMapModel(bool Present, EquatableArray<GroupRuleModel> Rules)
{
    public static readonly GroupMapModel Missing = new(false, EquatableArray<GroupRuleModel>.Empty);
}

internal sealed record GroupMapParse(GroupMapModel Model, EquatableArray<DiagnosticInfo> Diagnostics);
