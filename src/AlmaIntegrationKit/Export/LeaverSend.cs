using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.State;

namespace AlmaIntegrationKit.Export;

/// <summary>
/// The leaver rule (<see cref="LeaverPolicy.SendInactive"/>): after the second pass, everyone the state says was sent
/// before and who is not in this extract is sent once as INACTIVE, expiring on the run date.
/// </summary>
/// <typeparam name="TUser">The generated user type.</typeparam>
internal sealed class LeaverSend<TUser>(
    IAlmaSchema<TUser> schema,
    UserGroupMap map,
    IPatronMapper<TUser> mapper,
    ExportOptions options,
    FeedIdRegistry ids)
    where TUser : class, IAlmaUser
{
    internal const string InactiveStatus = "INACTIVE";

    /// <summary>Adds the leavers of <paramref name="state"/> to <paramref name="packager"/>; returns how many were sent.</summary>
    public long Send(ExportStateRun state, ZipPackager<TUser> packager)
    {
        var runDate = options.EffectiveRunDate;
        var issues = new List<ValidationIssue>();
        long sent = 0;
        foreach (var leaver in state.Leavers())
        {
            if (leaver.PrimaryId is null || ids.OtherOwner(leaver.PrimaryId, leaver.PersonId) is not null)
                continue; // its primary_id now belongs to someone in the feed: not a leaver to send
            var user = schema.CreateUser();
            user.PrimaryId = leaver.PrimaryId;
            user.UserGroup = leaver.UserGroup is null ? null : new AlmaCode(leaver.UserGroup, leaver.UserGroupDesc);
            user.CampusCode = leaver.CampusCode is null ? null : new AlmaCode(leaver.CampusCode);
            user.Status = new AlmaCode(InactiveStatus);
            user.ExpiryDate = runDate;
            var rule = map.Rules.FirstOrDefault(r => string.Equals(r.AlmaCode, leaver.UserGroup, StringComparison.Ordinal));
            user.PurgeDate = rule?.PurgeDate(runDate);
            mapper.CompleteLeaver(user, leaver);

            issues.Clear();
            if (options.MatchId.ValueOf(user) is null)
                continue; // cannot be matched in Alma; the state keeps it for a later run
            if (!packager.TryAdd(user, issues))
                continue;
            sent++;
            state.MarkLeft(leaver.PersonId);
        }

        return sent;
    }
}
