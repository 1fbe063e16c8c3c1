using System.DirectoryServices.Protocols;

namespace AlmaIntegrationKit.Logins;

internal sealed partial class LdapDirectory
{
    /// <summary>
    /// The entries each of <paramref name="values"/> is found as (compared ignoring case), looked up
    /// <see cref="LdapSettings.BatchSize"/> values per search: one OR filter of the user filter filled with each value,
    /// the match attributes read back to tell which entry answers which value. With <see cref="LdapSettings.DisabledFilter"/>,
    /// one more search per batch marks the disabled ones. A value found nowhere has an empty list.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<DirectoryAccount>> Lookup(IEnumerable<string> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var found = new Dictionary<string, IReadOnlyList<DirectoryAccount>>(StringComparer.OrdinalIgnoreCase);
        var batchSize = Settings.UserFilter.CanBatch ? Settings.BatchSize : 1;
        var batch = new List<string>(batchSize);
        var inBatch = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in values)
        {
            if (found.ContainsKey(value) || !inBatch.Add(value))
                continue;
            batch.Add(value);
            if (batch.Count == batchSize)
            {
                LookupBatch(batch, found, cancellationToken);
                batch.Clear();
                inBatch.Clear();
            }
        }

        if (batch.Count > 0)
            LookupBatch(batch, found, cancellationToken);
        return found;
    }

    private void LookupBatch(List<string> batch, Dictionary<string, IReadOnlyList<DirectoryAccount>> found, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entries = batch.ToDictionary(v => v, _ => new List<string>(1), StringComparer.OrdinalIgnoreCase);
        var unattributed = false;
        if (batch.Count == 1)
        {
            foreach (var entry in Search(Settings.UserFilter.For(batch[0])))
                entries[batch[0]].Add(entry.DistinguishedName);
        }
        else
        {
            foreach (var entry in Search(Settings.UserFilter.ForAny(batch), [.. Settings.UserFilter.MatchAttributes]))
                unattributed |= !Attribute(entry, entries);
        }

        if (unattributed)
        {
            // An entry the server matched by a rule finer than ignoring case (insignificant spaces, say) cannot be
            // told which value it answers: the batch is asked again one value at a time, so that no value is
            // reported missing, or found once when it is ambiguous, by mistake.
            foreach (var (value, dns) in entries)
            {
                dns.Clear();
                foreach (var entry in Search(Settings.UserFilter.For(value)))
                    dns.Add(entry.DistinguishedName);
            }
        }

        var disabled = DisabledAmong([.. entries.Where(e => e.Value.Count > 0).Select(e => e.Key)]);
        foreach (var (value, dns) in entries)
            found[value] = [.. dns.Select(dn => new DirectoryAccount(dn, disabled.Contains(dn)))];
    }

    /// <summary>Adds <paramref name="entry"/> to the values of the batch its match attributes hold; false when it holds none of them.</summary>
    private bool Attribute(SearchResultEntry entry, Dictionary<string, List<string>> entries)
    {
        var attributed = false;
        foreach (DirectoryAttribute attribute in entry.Attributes.Values)
        {
            if (!Settings.UserFilter.MatchAttributes.Contains(attribute.Name, StringComparer.OrdinalIgnoreCase))
                continue;
            foreach (var held in attribute.GetValues(typeof(string)).Cast<string>())
            {
                if (!entries.TryGetValue(held, out var dns))
                    continue;
                attributed = true;
                if (!dns.Contains(entry.DistinguishedName, StringComparer.OrdinalIgnoreCase))
                    dns.Add(entry.DistinguishedName);
            }
        }

        return attributed;
    }

    /// <summary>The DNs, among the entries of <paramref name="values"/>, that also match the disabled filter.</summary>
    private HashSet<string> DisabledAmong(IReadOnlyCollection<string> values)
    {
        var disabled = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (Settings.DisabledFilter is null || values.Count == 0)
            return disabled;
        foreach (var chunk in values.Chunk(Settings.UserFilter.CanBatch ? Settings.BatchSize : 1))
        {
            foreach (var entry in Search($"(&{Settings.UserFilter.ForAny(chunk)}{Settings.DisabledFilter})"))
                disabled.Add(entry.DistinguishedName);
        }

        return disabled;
    }
}
