using System.Xml.Linq;
using AlmaIntegrationKit.Cli;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Results;
using AlmaIntegrationKit.Sources;
using AlmaIntegrationKit.State;
using AlmaIntegrationKit.Tests.Alma;
using AlmaIntegrationKit.Tests.Cli;
using AlmaIntegrationKit.Tests.Export;
using CsCheck;
using Microsoft.Data.Sqlite;

namespace AlmaIntegrationKit.Tests.Nights;

/// <summary>
/// Random sequences of nights (joins, leavers, returns, changes, rejected rows, reused logins) with upload failures,
/// runs that die before or after their commit, and runs of the real program stopped at a random moment by SIGKILL or
/// SIGTERM, checked after every night that ends normally against what Alma would hold (the zips placed in its drop
/// folder, read back), not against what the kit reports.
/// </summary>
public sealed class NightsPropertyTests
{
    private const int People = 8;

    [Fact]
    public void Whatever_happens_between_nights_Alma_ends_up_with_every_present_person_current_and_no_login_handed_over()
    {
        Gen.Int[0, int.MaxValue].Array[4, 9].Sample(nights => new World().Live(nights), iter: 12, threads: 1);
    }

    private enum Outcome
    {
        Normal,
        UploadFails,
        DiesBeforeCommit,
        DiesAfterCommit,
        Killed,
    }

    /// <summary>How long after its start a killed run is killed, at most: past the program's start, export and upload.</summary>
    private const int KillWindowMilliseconds = 3000;

    /// <summary>The SIS, the kit and Alma over a sequence of nights.</summary>
    private sealed class World
    {
        private readonly bool[] _present = new bool[People];
        private readonly int[] _version = new int[People];
        private readonly string?[] _borrowedLogin = new string?[People];
        private readonly AlmaReplay _alma = new();

        public void Live(int[] nights)
        {
            using var cli = new CliHarness();
            cli.WithFolderUpload();
            cli.Section("Export")["Mode"] = "Delta";
            cli.Section("Export")["LeaverPolicy"] = "SendInactive";
            cli.Section("Safety")["MaxDropPercent"] = 100;
            cli.Section("Safety")["MaxRejectPercent"] = 100;
            for (var i = 0; i < People; i++)
                _present[i] = i < People / 2;

            for (var night = 0; night < nights.Length; night++)
            {
                var random = new Random(nights[night]);
                Change(random);
                var broken = random.Next(6) == 0;
                var outcome = night == nights.Length - 1 ? Outcome.Normal : random.Next(8) switch
                {
                    4 => Outcome.UploadFails,
                    5 => Outcome.DiesBeforeCommit,
                    6 => Outcome.DiesAfterCommit,
                    7 => Outcome.Killed,
                    _ => Outcome.Normal,
                };
                cli.Clock.Now = new DateTimeOffset(2030, 1, 16, 2, 0, 0, TimeSpan.Zero).AddDays(night);
                var feed = cli.WriteFeed(Feed(broken));
                var code = Run(cli, outcome, feed, random).GetAwaiter().GetResult();
                if (outcome is Outcome.Normal)
                    Assert.True(code == ExitCodes.Success, $"night {night}: exit {code}\n{cli.Transcript}");
                RepairDropbox(cli);
                _alma.Take(cli.Dropbox); // throws when a primary_id went out for two person_ids
                if (outcome is Outcome.Normal)
                    Check(cli, night);
            }
        }

        /// <summary>A few changes in the SIS: someone joins, leaves, comes back, is renamed, or takes a departed person's login.</summary>
        private void Change(Random random)
        {
            for (var changes = random.Next(4); changes > 0; changes--)
            {
                var person = random.Next(People);
                switch (random.Next(4))
                {
                    case 0:
                        _present[person] = !_present[person];
                        break;
                    case 1:
                        _version[person]++;
                        break;
                    case 2 when !_present[person]:
                        var departed = Enumerable.Range(0, People).FirstOrDefault(p => p != person && !_present[p] && _version[p] >= 0, -1);
                        if (departed >= 0)
                        {
                            _borrowedLogin[person] = LoginOf(departed);
                            _present[person] = true;
                        }

                        break;
                    default:
                        _borrowedLogin[person] = null;
                        break;
                }
            }
        }

        private PatronFeed Feed(bool broken)
        {
            var feed = new PatronFeed();
            for (var i = 0; i < People; i++)
            {
                if (_present[i])
                    feed.Row(PersonId(i), _borrowedLogin[i] ?? LoginOf(i), "UG", lastName: "Name" + _version[i], barcode: "B" + i);
            }

            if (broken)
                feed.Raw("\"P9,broken,row");
            return feed;
        }

        private static async Task<int> Run(CliHarness cli, Outcome outcome, string feed, Random random)
        {
            switch (outcome)
            {
                case Outcome.UploadFails:
                    File.WriteAllText(Path.Combine(cli.Dropbox, $"01TEST_students_{cli.Clock.Now:yyyyMMdd'T'HHmmss'Z'}.zip"), "blocker");
                    return await cli.RunAsync("run");
                case Outcome.Killed:
                    cli.WriteSettings();
                    var temporary = Directory.CreateTempSubdirectory("alma-killed-").FullName;
                    try
                    {
                        using var program = CollegeProcess.Start(cli.Root, temporary, cli.Clock.Now, "run", "--input", feed); // the night's clock: zips are named, and taken, by it
                        await Task.Delay(random.Next(KillWindowMilliseconds));
                        program.TrySend(random.Next(2) == 0 ? "KILL" : "TERM"); // a run that ended first was stopped after its end
                        await program.WaitForExitAsync(TimeSpan.FromMinutes(2));
                        Assert.Empty(Directory.GetFiles(temporary, "*", SearchOption.AllDirectories)); // no personal data left behind, whenever it stopped
                    }
                    finally
                    {
                        Directory.Delete(temporary, recursive: true);
                    }

                    return ExitCodes.Error;
                case Outcome.DiesBeforeCommit:
                case Outcome.DiesAfterCommit:
                    var pipeline = new ExportPipeline<User>(AlmaUserSchema.Instance, AlmaUserGroups.Map, new TestPatronMapper(), new ExportOptions
                    {
                        InstitutionCode = "01TEST", Profile = "students", OutboxDirectory = cli.Outbox, StatePath = cli.StatePath,
                        StartedUtc = cli.Clock.Now, Mode = ExportMode.Delta, Leavers = LeaverPolicy.SendInactive,
                        Safety = new SafetyOptions { MaxDropPercent = 100, MaxRejectPercent = 100 },
                    });
                    IPatronSource source = new CsvPatronSource(feed);
                    if (outcome == Outcome.DiesBeforeCommit)
                        source = new DyingSource(source, random.Next(1, People + 2));
                    try
                    {
                        await pipeline.RunAsync(source);
                    }
                    catch (OperationCanceledException)
                    {
                        // the process "died": nothing after this point ran
                    }

                    return ExitCodes.Error;
                default:
                    return await cli.RunAsync("run");
            }
        }

        private static void RepairDropbox(CliHarness cli)
        {
            foreach (var blocker in Directory.GetFiles(cli.Dropbox, "*.zip").Where(f => new FileInfo(f).Length < 100))
                File.Delete(blocker);
        }

        /// <summary>After a night that placed everything: every present, accepted person is current and ACTIVE in Alma, and the state says what Alma has.</summary>
        private void Check(CliHarness cli, int night)
        {
            var rejected = RejectedPeople(cli);
            for (var i = 0; i < People; i++)
            {
                if (!_present[i] || rejected.Contains(PersonId(i)))
                    continue;
                var user = _alma.Of(PersonId(i));
                Assert.True(user is not null, $"night {night}: {PersonId(i)} is present but not in Alma");
                Assert.Equal("ACTIVE", (string?)user!.Element("status"));
                Assert.Equal("Name" + _version[i], (string?)user.Element("last_name"));
            }

            using var connection = new SqliteConnection($"Data Source={cli.StatePath};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT d.person_id, r.delivery, d.record_run, d.record_zip, d.record_entry, d.record_offset, d.record_length
                FROM delivered_users d JOIN sent_users s ON s.person_id = d.person_id LEFT JOIN runs r ON r.id = s.pending_run
                WHERE d.record_zip IS NOT NULL OR s.pending_run IS NOT NULL
                """;
            var stored = new List<(string PersonId, KeptRecord At)>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    Assert.True(reader.GetString(1) == "delivered", $"night {night}: {reader.GetString(0)} still pending after everything was placed");
                    stored.Add((reader.GetString(0), KeptRecord.Read(reader, 2)!.Value));
                }
            }

            var records = KeptZips.Read(connection, stored.Select(s => s.At));
            foreach (var (personId, at) in stored)
            {
                Assert.True(records.ContainsKey(at), $"night {night}: the state no longer keeps the zip of {personId}'s record");
                var stated = XElement.Parse(System.Text.Encoding.UTF8.GetString(records[at]));
                var held = _alma.Of(personId);
                Assert.True(held is not null && XNode.DeepEquals(stated, held), $"night {night}: the state and Alma differ for {personId}");
            }
        }

        private static HashSet<string> RejectedPeople(CliHarness cli)
        {
            var folder = Directory.GetDirectories(cli.Outbox).Where(d => Path.GetFileName(d).StartsWith("01TEST_", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).Last();
            return File.ReadAllLines(Path.Combine(folder, "rejects.csv")).Skip(1).Select(l => l.Split(',')[3]).ToHashSet(StringComparer.Ordinal);
        }

        private static string PersonId(int person) => $"P{person:D2}";

        private static string LoginOf(int person) => $"login{person:D2}";
    }

    /// <summary>A source whose process dies (the run is cancelled) after <paramref name="rows"/> records of its second read.</summary>
    private sealed class DyingSource(IPatronSource inner, int rows) : IPatronSource
    {
        private int _reads;

        public string Name => inner.Name;

        public async IAsyncEnumerable<SourceRecord> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var read = ++_reads;
            var given = 0;
            await foreach (var record in inner.ReadAsync(cancellationToken))
            {
                if (read == 2 && ++given > rows)
                    throw new OperationCanceledException("the process died");
                yield return record;
            }
        }
    }
}
