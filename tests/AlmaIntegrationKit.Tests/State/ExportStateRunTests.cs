using System.Globalization;
using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.State;

namespace AlmaIntegrationKit.Tests.State;

/// <summary>The state changes of one run, against a real SQLite file.</summary>
public sealed class ExportStateRunTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "alma-state-run-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void A_run_that_binds_many_values_gets_a_larger_page_cache_and_binds_and_refuses_as_before()
    {
        var path = Path.Combine(_folder, "export-state.db");
        var people = (ExportStateRun.BulkBindingThreshold / 3) + 10;
        using (var store = ExportStateStore.OpenForRun(path, feed: null))
        using (var run = store.BeginRun())
        {
            Assert.Equal(2_000, run.PageCacheKibibytes); // SQLite's default: a night of a few changes
            for (var i = 0; i < people; i++)
            {
                var personId = Person(i);
                Assert.Null(run.Bind(personId, [("login" + ((i * 7_919L) % people).ToString(CultureInfo.InvariantCulture), IdentityBinding.PrimaryIdKind), ("B" + personId, "BARCODE"), (personId, "UNIV_ID")]));
            }

            Assert.Equal(32 * 1024, run.PageCacheKibibytes);

            // Refused after the switch as before it: a value bound earlier in the run, for another person.
            var taken = run.Bind("P-new", [("new-login", IdentityBinding.PrimaryIdKind), ("b" + Person(0), "BARCODE")]);
            Assert.Equal(new IdentityBinding("b" + Person(0), "BARCODE", Person(0)), taken); // compared ignoring case
            Assert.Null(run.OwnerOf("new-login")); // none of a refused person's values stays bound
            Assert.Equal(Person(people - 1), run.OwnerOf("LOGIN" + ((people - 1) * 7_919L % people).ToString(CultureInfo.InvariantCulture)));
            run.Commit(new RunRecord(run.RunId, "r", DateTimeOffset.UtcNow, "full", true, people, people, 0, 0, 0, 0, 0, 0), []);
        }

        using (var store = ExportStateStore.OpenForRun(path, feed: null))
        using (var run = store.BeginRun())
        {
            Assert.Equal(2_000, run.PageCacheKibibytes); // per run, not per file
            Assert.Equal(Person(people / 2), run.OwnerOf("B" + Person(people / 2)));
        }
    }

    private static string Person(int i) => "P" + i.ToString("D6", CultureInfo.InvariantCulture);
}
