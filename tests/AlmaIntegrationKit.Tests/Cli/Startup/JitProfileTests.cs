using AlmaIntegrationKit.Cli.Startup;

namespace AlmaIntegrationKit.Tests.Cli.Startup;

/// <summary>
/// Which profile a run trusts. Starting the runtime's profiling itself happens once per process, so it is proven where a
/// process runs only one export: the template test publishes a project and runs it twice.
/// </summary>
public sealed class JitProfileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "alma-jit-profile-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void A_profile_counts_only_for_the_build_that_recorded_it()
    {
        Assert.False(JitProfile.HasProfileOf(_folder, "build A")); // no folder yet

        JitProfile.RecordBuild(_folder, "build A");
        Assert.False(JitProfile.HasProfileOf(_folder, "build A")); // the run that recorded it has not written the profile

        File.WriteAllBytes(Path.Combine(_folder, JitProfile.FileName), [1, 2, 3]);
        Assert.True(JitProfile.HasProfileOf(_folder, "build A"));
        Assert.False(JitProfile.HasProfileOf(_folder, "build B")); // an upgrade, or the college changed its code

        JitProfile.RecordBuild(_folder, "build B");
        Assert.True(JitProfile.HasProfileOf(_folder, "build B"));
        Assert.False(JitProfile.HasProfileOf(_folder, "build A"));
    }

    [Fact]
    public void A_build_is_the_runtime_and_the_module_versions_of_the_application_and_the_kit()
    {
        var build = JitProfile.CurrentBuild();

        Assert.Equal(build, JitProfile.CurrentBuild());
        var lines = build.Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal(Environment.Version.ToString(), lines[0]);
        Assert.Equal(typeof(JitProfile).Assembly.ManifestModule.ModuleVersionId.ToString(), lines[2]);
        Assert.True(Guid.TryParse(lines[1], out _), build);
    }
}
