using System.Reflection;
using System.Runtime;

namespace AlmaIntegrationKit.Cli.Startup;

/// <summary>
/// A record, kept beside the state file, of the methods a run compiled; the next run of the same build compiles them
/// again on a background thread as it starts, in the order the last run first needed them (.NET's multi-core JIT,
/// <see cref="ProfileOptimization"/>). A nightly job does the same work every night, so from the second night on the
/// reading thread finds its code compiled, and only what a run really uses is compiled. Without a profile of this build
/// (the first run, or the first after an upgrade or a change to the college's code) the run warms up instead
/// (<see cref="JitWarmUp"/>) while this run records the profile for the next.
/// </summary>
/// <remarks>
/// The runtime checks a profile against the assemblies it was recorded with and ignores one of another build; the
/// build file beside it (<see cref="BuildFileName"/>) tells the export the same thing ahead, so that it warms up by
/// itself when the profile will not be played back. The profile is only ever a speed-up: nothing here fails a run.
/// </remarks>
internal static class JitProfile
{
    /// <summary>The profile's file name, in the state file's folder.</summary>
    public const string FileName = "alma-export.jitprofile";

    /// <summary>The file beside the profile naming the build that recorded it.</summary>
    public const string BuildFileName = FileName + ".build";

    private static int _started;
    private static bool _playingBack;

    /// <summary>
    /// Starts recording this process's compiling into <paramref name="folder"/>, playing back the profile there if this
    /// build recorded it. Once per process (later calls change nothing); never throws.
    /// </summary>
    /// <returns>Whether a profile of this build is played back.</returns>
    public static bool Start(string folder)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
            return _playingBack;
        try
        {
            var build = CurrentBuild();
            _playingBack = HasProfileOf(folder, build);
            RecordBuild(folder, build);
            ProfileOptimization.SetProfileRoot(folder);
            ProfileOptimization.StartProfile(FileName);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            _playingBack = false; // a folder we may not write to: compile as usual
        }

        return _playingBack;
    }

    /// <summary>
    /// What identifies the code a profile was recorded with: the runtime's version and the module version ids of the
    /// application (the college's project, with its generated code) and of this library, each new in every build.
    /// </summary>
    internal static string CurrentBuild() => string.Join(
        "\n",
        Environment.Version,
        Assembly.GetEntryAssembly()?.ManifestModule.ModuleVersionId.ToString() ?? "no entry assembly",
        typeof(JitProfile).Assembly.ManifestModule.ModuleVersionId);

    /// <summary>Whether <paramref name="folder"/> holds a profile recorded by <paramref name="build"/>.</summary>
    internal static bool HasProfileOf(string folder, string build)
    {
        var buildFile = Path.Combine(folder, BuildFileName);
        return File.Exists(Path.Combine(folder, FileName)) && File.Exists(buildFile)
            && string.Equals(File.ReadAllText(buildFile), build, StringComparison.Ordinal);
    }

    /// <summary>
    /// Notes that the profile this process writes when it ends comes from <paramref name="build"/>. Written first: should
    /// the process end without writing its profile, the next run trusts an older one that the runtime then ignores,
    /// which costs that run its warm-up and nothing else.
    /// </summary>
    internal static void RecordBuild(string folder, string build)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, BuildFileName), build);
    }
}
