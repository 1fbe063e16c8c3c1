using System.IO.Compression;
using System.Xml.Linq;
using AlmaIntegrationKit.Tests.Export;

namespace AlmaIntegrationKit.Tests.Nights;

/// <summary>
/// What Alma would hold after its SIS synchronize job took every zip placed in a dropbox, in the order they were
/// placed (their names: one feed's zip names sort in run order): each user record replaces the user with its primary_id
/// as a whole. Also checks, across everything ever placed, that no primary_id went out for two person_ids.
/// </summary>
internal sealed class AlmaReplay
{
    private readonly Dictionary<string, XElement> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _personOfPrimaryId = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, XElement> _latestOfPerson = new(StringComparer.Ordinal);

    /// <summary>The users Alma holds, by primary_id.</summary>
    public IReadOnlyDictionary<string, XElement> Users => _users;

    /// <summary>Takes the zips of <paramref name="dropbox"/> not taken yet; returns how many.</summary>
    public int Take(string dropbox)
    {
        var taken = 0;
        foreach (var zip in Directory.GetFiles(dropbox, "*.zip").Order(StringComparer.Ordinal))
        {
            if (new FileInfo(zip).Length < 100 || !_taken.Add(Path.GetFileName(zip)))
                continue; // not a zip of the kit's (a test's blocker), or taken already
            taken++;
            using var archive = ZipFile.OpenRead(zip);
            foreach (var entry in archive.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                using var stream = entry.Open();
                foreach (var user in XDocument.Load(stream).Root!.Elements("user"))
                    Apply(user);
            }
        }

        return taken;
    }

    private void Apply(XElement user)
    {
        var primaryId = (string)user.Element("primary_id")!;
        var personId = PersonIdOf(user);
        if (_personOfPrimaryId.TryGetValue(primaryId, out var earlier) && !string.Equals(earlier, personId, StringComparison.Ordinal))
            throw new InvalidOperationException($"primary_id {primaryId} was placed for person_id {earlier} and later for {personId}: a login handed to someone else.");
        _personOfPrimaryId[primaryId] = personId;
        _users[primaryId] = user;
        _latestOfPerson[personId] = user;
    }

    /// <summary>The person_id the test mapper sends as the UNIV_ID identifier.</summary>
    public static string PersonIdOf(XElement user) =>
        (string)user.Element("user_identifiers")!.Elements("user_identifier")
            .Single(i => (string?)i.Element("id_type") == TestPatronMapper.UniversityId).Element("value")!;

    /// <summary>Forgets who <paramref name="primaryId"/> was placed for (after the college released it on purpose).</summary>
    public void Forget(string primaryId) => _personOfPrimaryId.Remove(primaryId);

    /// <summary>
    /// The user Alma last received for <paramref name="personId"/>, if any (a person whose primary_id changed has an
    /// older account under the old one too, as in Alma).
    /// </summary>
    public XElement? Of(string personId) => _latestOfPerson.GetValueOrDefault(personId);
}
