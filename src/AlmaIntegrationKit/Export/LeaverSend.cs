using System.Globalization;
using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.State;

namespace AlmaIntegrationKit.Export;

/// <summary>
/// The leaver rule (<see cref="LeaverPolicy.SendInactive"/>): after the second pass, everyone the state holds a record
/// of who is not in this extract is sent once more as that record, INACTIVE and expiring on the run date, so that
/// nothing Alma holds of them (names, identifiers, contacts) is erased by the synchronize job, whatever the Match ID.
/// The send is recorded like any other: a person who comes back differs from it and is sent ACTIVE again.
/// </summary>
/// <typeparam name="TUser">The generated user type.</typeparam>
internal sealed class LeaverSend<TUser>(IAlmaSchema<TUser> schema, UserGroupMap map, ExportOptions options, FeedIdRegistry ids)
    where TUser : class, IAlmaUser
{
    internal const string InactiveStatus = "INACTIVE";

    /// <summary>
    /// Adds the leavers of <paramref name="state"/> to <paramref name="packager"/>, unless
    /// <paramref name="rejectedWithoutPersonId"/> rows were rejected without a readable person_id (any of them may be a
    /// person who is still there): then none is sent. Counts into <paramref name="tally"/>; returns why leavers were
    /// held back, if any were.
    /// </summary>
    public IReadOnlyList<string> Send(ExportStateRun state, ZipPackager<TUser> packager, long rejectedWithoutPersonId, WritingTally tally)
    {
        var notices = new List<string>();
        var leavers = state.Leavers();
        var withoutRecord = state.LeaversWithoutRecord();
        if (withoutRecord > 0)
        {
            tally.LeaversHeldBack += withoutRecord;
            notices.Add(string.Create(CultureInfo.InvariantCulture,
                $"{withoutRecord} people left the extract whose last record the state does not hold (they were sent before this version kept records): they were not sent as leavers, since a record without their names and identifiers would erase them in Alma. Set them INACTIVE in Alma, or send them once more in an extract."));
        }

        if (leavers.Count > 0 && rejectedWithoutPersonId > 0)
        {
            tally.LeaversHeldBack += leavers.Count;
            notices.Add(string.Create(CultureInfo.InvariantCulture,
                $"{leavers.Count} leavers were held back: {rejectedWithoutPersonId} rejected rows had no readable person_id, and any of them may be one of these people. Fix those rows (see rejects.csv); the leavers are sent by the first run without such rejects."));
            return notices;
        }

        var xml = new UserXmlRecords<TUser>(schema);
        var issues = new List<ValidationIssue>();
        var runDate = options.EffectiveRunDate;
        foreach (var leaver in leavers)
        {
            var sent = leaver.Sent;
            if (sent.PrimaryId is not null && !StillOwns(state, sent))
            {
                state.MarkLeft(sent.PersonId); // its primary_id was released to someone else: their record is Alma's now, not this one
                continue;
            }

            var user = Read(leaver.Record);
            user.Status = new AlmaCode(InactiveStatus);
            user.ExpiryDate = runDate;
            var rule = map.Rules.FirstOrDefault(r => string.Equals(r.AlmaCode, user.UserGroup?.Code, StringComparison.Ordinal));
            user.PurgeDate = rule?.PurgeDate(runDate) ?? user.PurgeDate;
            issues.Clear();
            if (!xml.TryWrite(user, issues, out var record))
                throw new InvalidOperationException($"The stored record of person_id {sent.PersonId} could not be written again: {string.Join("; ", issues)}");
            var at = packager.AddRecord(record);
            state.RecordLeaver(sent with { Fingerprint = xml.Fingerprint() }, at, InactiveStatus);
            tally.LeaversWritten++;
        }

        return notices;
    }

    /// <summary>
    /// Whether the leaver's primary_id is still theirs: bound to them, or (released) used by no one in this feed. A
    /// newcomer who only tried to take it was rejected and does not count.
    /// </summary>
    private bool StillOwns(ExportStateRun state, SentUser sent) => state.OwnerOf(sent.PrimaryId!) switch
    {
        { } owner => string.Equals(owner, sent.PersonId, StringComparison.Ordinal),
        null => ids.OtherOwner(sent.PrimaryId!, sent.PersonId) is null,
    };

    private TUser Read(byte[] record)
    {
        using var document = new MemoryStream(schema.DocumentPrefix.Length + record.Length + schema.DocumentSuffix.Length);
        document.Write(schema.DocumentPrefix);
        document.Write(record);
        document.Write(schema.DocumentSuffix);
        document.Position = 0;
        var read = schema.ReadUsers(document).Single();
        if (read.Issues.Any(i => i.Severity == IssueSeverity.Error))
            throw new InvalidOperationException($"A record in the state file could not be read back: {string.Join("; ", read.Issues)}");
        return read.User;
    }
}
