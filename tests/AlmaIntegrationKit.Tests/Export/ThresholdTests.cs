using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.State;

namespace AlmaIntegrationKit.Tests.Export;

public sealed class ThresholdTests : IDisposable
{
    private readonly ExportHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private static PatronFeed WithRejects(int good, int bad)
    {
        var feed = new PatronFeed().Good(good);
        for (var i = 0; i < bad; i++)
            feed.Row($"X{i}", $"x{i}", "NOPE");
        return feed;
    }

    [Fact]
    public async Task Too_many_rejects_abort_before_anything_is_placed()
    {
        var result = await _harness.RunAsync(WithRejects(good: 18, bad: 2)); // 10 % > 5 %

        Assert.True(result.Aborted);
        Assert.Empty(result.Zips);
        Assert.Empty(Directory.GetFiles(_harness.Outbox)); // no zip, no temporary file
        var verdict = result.Thresholds.Single(t => t.Name == SafetyCheck.MaxRejectPercent);
        Assert.True(verdict.Exceeded);
        Assert.Equal(10, verdict.ActualPercent, 3);
        var manifest = RunManifest.ReadFrom(result.ManifestPath);
        Assert.False(manifest.Placed);
        Assert.Equal(2, ExportHarness.RejectLines(result).Length); // the reasons are still reported
    }

    [Fact]
    public async Task Rejects_under_the_threshold_are_a_success()
    {
        var result = await _harness.RunAsync(WithRejects(good: 19, bad: 1)); // exactly 5 %: not more

        Assert.False(result.Aborted);
        Assert.Single(result.Zips);
    }

    [Fact]
    public async Task Force_places_despite_an_exceeded_threshold()
    {
        var result = await _harness.RunAsync(WithRejects(good: 5, bad: 5), _harness.Options() with { Force = true });

        Assert.False(result.Aborted);
        Assert.True(result.Thresholds.Single(t => t.Name == SafetyCheck.MaxRejectPercent).Exceeded);
        Assert.Single(result.Zips);
        Assert.True(RunManifest.ReadFrom(result.ManifestPath).Forced);
    }

    [Fact]
    public async Task Fewer_users_than_the_last_successful_run_by_more_than_the_limit_abort()
    {
        var first = await _harness.RunAsync(new PatronFeed().Good(20));
        Assert.False(first.Aborted);

        var second = await _harness.RunAsync(new PatronFeed().Good(17), _harness.Options(ExportHarness.Started.AddDays(1))); // 15 % drop

        Assert.True(second.Aborted);
        var verdict = second.Thresholds.Single(t => t.Name == SafetyCheck.MaxDropPercent);
        Assert.True(verdict.Exceeded);
        Assert.Equal(15, verdict.ActualPercent, 3);
        Assert.Single(Directory.GetFiles(_harness.Outbox, "*.zip")); // only the first run's

        // The aborted run is recorded but does not become the baseline.
        using var store = ExportStateStore.Open(_harness.StatePath);
        Assert.Equal(20, store.LastSuccessfulRun()!.Users);
        Assert.False(store.RecentRuns(1)[0].Succeeded);
    }

    [Fact]
    public async Task A_drop_within_the_limit_passes()
    {
        await _harness.RunAsync(new PatronFeed().Good(20));
        var second = await _harness.RunAsync(new PatronFeed().Good(18), _harness.Options(ExportHarness.Started.AddDays(1))); // 10 %

        Assert.False(second.Aborted);
    }
}
