using System.Collections.Generic;
using System.Linq;

namespace AlmaIntegrationKit.Generators.Schema;

/// <summary>
/// Which generated classes an SIS export rarely runs (emitted as <c>[AlmaRarelyUsed]</c>): those the record reaches
/// only through a field the SIS load ignores (tags without <c>sis</c>) or through an object of its own (the type of a
/// global element other than the root and the record, such as Esploro's <c>researcher</c>). The rule is documented in
/// docs/generator.md; a schema without appinfo tags and without other global elements has none.
/// </summary>
internal static class RarelyUsedClasses
{
    public static List<ModelClass> Mark(IReadOnlyList<ModelClass> classes, string recordClassName, ICollection<string> otherObjectClassNames)
    {
        var byName = classes.ToDictionary(c => c.ClassName, System.StringComparer.Ordinal);
        var common = new HashSet<string>(System.StringComparer.Ordinal) { recordClassName };
        var pending = new Queue<string>(common);
        while (pending.Count > 0)
        {
            foreach (var member in byName[pending.Dequeue()].Members)
            {
                if (member.ClassName is { } next && byName.ContainsKey(next) && !member.IgnoredBySis
                    && !otherObjectClassNames.Contains(next) && common.Add(next))
                {
                    pending.Enqueue(next);
                }
            }
        }

        return classes.Select(c => common.Contains(c.ClassName) ? c : c with { RarelyUsed = true }).ToList();
    }
}
