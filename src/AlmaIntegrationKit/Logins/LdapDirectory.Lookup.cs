using System.DirectoryServices.Protocols;
using System.Runtime.ExceptionServices;

namespace AlmaIntegrationKit.Logins;

internal sealed partial class LdapDirectory
{
    /// <summary>
    /// The entries each of <paramref name="values"/> is found as (compared ignoring case), looked up
    /// <see cref="LdapSettings.BatchSize"/> values per search: one OR filter of the user filter filled with each value,
    /// the match attributes read back to tell which entry answers which value. With
    /// <see cref="LdapSettings.DisabledFilter"/>, one more search per batch marks the disabled ones. A value found nowhere
    /// has an empty list.
    /// </summary>
    /// <remarks>
    /// With several batches, up to <see cref="LdapSettings.Connections"/> connections search at once (this one and more
    /// opened like it, each its own thread), so that the directory answers one while the entries of another are read
    /// here; <see cref="RoundTrips"/> then counts their requests too. A directory that refuses the further connections
    /// (a limit per account, say) costs speed only: the connections it accepted take every batch.
    /// </remarks>
    public IReadOnlyDictionary<string, IReadOnlyList<DirectoryAccount>> Lookup(IEnumerable<string> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var batches = values.Distinct(StringComparer.OrdinalIgnoreCase).Chunk(Settings.UserFilter.CanBatch ? Settings.BatchSize : 1).ToArray();
        var connections = Math.Clamp(Settings.Connections, 1, Math.Max(1, batches.Length));
        var found = Enumerable.Range(0, connections).Select(_ => new Dictionary<string, IReadOnlyList<DirectoryAccount>>(StringComparer.OrdinalIgnoreCase)).ToArray();
        var next = -1;
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = Enumerable.Range(0, connections).Select(worker => Task.Factory.StartNew(
            () =>
            {
                var directory = worker == 0 ? this : ConnectAnother();
                if (directory is null)
                    return;
                try
                {
                    int batch;
                    while ((batch = Interlocked.Increment(ref next)) < batches.Length)
                        directory.LookupBatch(batches[batch], found[worker], failed.Token);
                }
                catch
                {
                    failed.Cancel(); // the other connections stop at their next batch
                    throw;
                }
                finally
                {
                    if (directory != this)
                    {
                        Interlocked.Add(ref _helperRoundTrips, directory.RoundTrips);
                        directory.Dispose();
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning, // blocking network calls: threads of their own, not the pool's
            TaskScheduler.Default)).ToArray();
        try
        {
            Task.WaitAll(workers);
        }
        catch (AggregateException)
        {
            // The failure that stopped the others, not the cancellations it caused.
            var first = workers.Select(w => w.Exception?.InnerException).FirstOrDefault(e => e is not null and not OperationCanceledException)
                ?? workers.Select(w => w.Exception?.InnerException).First(e => e is not null)!;
            ExceptionDispatchInfo.Throw(first);
        }

        return found.SelectMany(f => f).ToDictionary(f => f.Key, f => f.Value, StringComparer.OrdinalIgnoreCase);
    }

    private LdapDirectory? ConnectAnother()
    {
        try
        {
            return Connect(Settings);
        }
        catch (LoginCheckException)
        {
            return null;
        }
    }

    private void LookupBatch(IReadOnlyList<string> batch, Dictionary<string, IReadOnlyList<DirectoryAccount>> found, CancellationToken cancellationToken)
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
