using System.Diagnostics.CodeAnalysis;
using AlmaIntegrationKit.Shared;

namespace AlmaIntegrationKit;

/// <summary>The user-group mapping as generated from <c>alma-user-groups.csv</c>; lookups by SIS code are case-insensitive.</summary>
public sealed class UserGroupMap : IUserGroupMap
{
    private readonly Dictionary<string, UserGroupRule> _bySisCode;
    private readonly HashSet<string> _almaCodes;

    /// <summary>A map of <paramref name="rules"/>; SIS codes must be unique (the generator has checked).</summary>
    public UserGroupMap(IReadOnlyList<UserGroupRule> rules)
    {
        Rules = rules;
        _bySisCode = new Dictionary<string, UserGroupRule>(rules.Count, StringComparer.OrdinalIgnoreCase);
        _almaCodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            _bySisCode.TryAdd(rule.SisCode, rule);
            _almaCodes.Add(rule.AlmaCode);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<UserGroupRule> Rules { get; }

    /// <inheritdoc />
    public bool TryGetBySisCode(string sisCode, [NotNullWhen(true)] out UserGroupRule? rule) =>
        _bySisCode.TryGetValue(sisCode.Trim(), out rule);

    /// <inheritdoc />
    public bool IsAlmaCode(string almaCode) => _almaCodes.Contains(almaCode);

    /// <summary>The Alma code nearest to a code that is not in the map, for a "did you mean".</summary>
    public string? SuggestAlmaCode(string almaCode) => NearMiss.Suggest(almaCode, _almaCodes.Order(StringComparer.Ordinal));

    /// <summary>The SIS code nearest to one that is not in the map, for a "did you mean".</summary>
    public string? SuggestSisCode(string sisCode) => NearMiss.Suggest(sisCode, _bySisCode.Keys.Order(StringComparer.Ordinal));
}
