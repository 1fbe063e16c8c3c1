using System.Diagnostics.CodeAnalysis;
using AlmaIntegrationKit.Shared;

namespace AlmaIntegrationKit;

/// <summary>The user-group mapping as generated from <c>alma-user-groups.csv</c>; lookups by SIS code are case-insensitive.</summary>
/// <remarks>
/// Several SIS codes may map to one Alma user group, each row with its own label. Alma keeps one label per code, so a
/// run sends one: the label of the first row (in file order) of that Alma code that has a label. Every rule of the
/// code carries it as <see cref="UserGroupRule.AlmaDesc"/> (diagnostic ALMA017 tells at build time, as information).
/// </remarks>
public sealed class UserGroupMap : IUserGroupMap
{
    private readonly Dictionary<string, UserGroupRule> _bySisCode;
    private readonly HashSet<string> _almaCodes;

    /// <summary>A map of <paramref name="rules"/>; SIS codes must be unique (the generator has checked).</summary>
    public UserGroupMap(IReadOnlyList<UserGroupRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (rule.AlmaDesc is { } label)
                labels.TryAdd(rule.AlmaCode, label);
        }

        Rules = rules.Select(rule => labels.TryGetValue(rule.AlmaCode, out var label) && rule.AlmaDesc != label
            ? rule with { AlmaDesc = label }
            : rule).ToArray();
        _bySisCode = new Dictionary<string, UserGroupRule>(rules.Count, StringComparer.OrdinalIgnoreCase);
        _almaCodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in Rules)
        {
            _bySisCode.TryAdd(rule.SisCode, rule);
            _almaCodes.Add(rule.AlmaCode);
        }
    }

    /// <inheritdoc />
    /// <remarks>Each rule with the label its Alma code is sent with (see the class remarks).</remarks>
    public IReadOnlyList<UserGroupRule> Rules { get; }

    /// <inheritdoc />
    public bool TryGetBySisCode(string sisCode, [NotNullWhen(true)] out UserGroupRule? rule) =>
        _bySisCode.TryGetValue(sisCode.Trim(), out rule);

    /// <inheritdoc />
    public bool IsAlmaCode(string almaCode) => _almaCodes.Contains(almaCode);

    /// <summary>The Alma code nearest to a code that is not in the map, for a "did you mean".</summary>
    internal string? SuggestAlmaCode(string almaCode) => NearMiss.Suggest(almaCode, _almaCodes.Order(StringComparer.Ordinal));

    /// <summary>The SIS code nearest to one that is not in the map, for a "did you mean".</summary>
    public string? SuggestSisCode(string sisCode) => NearMiss.Suggest(sisCode, _bySisCode.Keys.Order(StringComparer.Ordinal));
}
