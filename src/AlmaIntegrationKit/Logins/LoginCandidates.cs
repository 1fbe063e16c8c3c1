using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Logins;

/// <summary>A person a run would send, with the value Alma would receive as the Match ID (what the login must return).</summary>
/// <param name="PersonId">The person_id.</param>
/// <param name="Value">The primary_id, or the identifier of the Match ID type.</param>
/// <param name="Position">Where the person's row is in the source.</param>
internal sealed record LoginCandidate(string PersonId, string Value, SourcePosition Position);

/// <summary>The people of a source as a run would send them, and how many rows a run would not send.</summary>
/// <param name="People">One per person a run would send.</param>
/// <param name="NotSent">Rows a run rejects before validation (unknown patron type, mapper failure, no Match ID) or that the source rejected.</param>
/// <param name="Merged">Rows ranked below another row of the same person (a run sends the best valid row only; a lower row
/// only when every better one is invalid, which this read, without validation, does not foresee).</param>
internal sealed record LoginCandidates(IReadOnlyList<LoginCandidate> People, long NotSent, long Merged)
{
    /// <summary>
    /// Reads <paramref name="source"/> as a run does: the same merge of rows per person (the first pass of the export),
    /// the same user-group rule and the college's mapper, then takes each user's Match ID value.
    /// </summary>
    public static async Task<LoginCandidates> ReadAsync<TUser>(IPatronSource source, UserGroupMap map, IPatronMapper<TUser> mapper, MatchId matchId,
        DateOnly runDate, CancellationToken cancellationToken = default)
        where TUser : class, IAlmaUser
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(mapper);
        var plan = await MergePlan.BuildAsync(source, map, cancellationToken).ConfigureAwait(false);
        var people = new List<LoginCandidate>();
        long notSent = 0;
        long merged = 0;
        await foreach (var record in source.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (record is not PatronRow row)
            {
                notSent++;
                continue;
            }

            if (plan.IsOutranked(row.Position.Number))
            {
                merged++;
                continue;
            }

            if (!map.TryGetBySisCode(row.PatronType, out var rule))
            {
                notSent++;
                continue;
            }

            var expiry = rule.ExpiryDate(row.TermEndDate, runDate);
            TUser user;
            try
            {
                user = mapper.Map(row, new PatronMappingContext(runDate, rule, expiry, rule.PurgeDate(expiry)));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                notSent++;
                continue;
            }

            if (matchId.ValueOf(user) is { } value)
                people.Add(new LoginCandidate(row.PersonId, value, row.Position));
            else
                notSent++;
        }

        return new LoginCandidates(people, notSent, merged);
    }
}
