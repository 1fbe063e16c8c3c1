using System.Reflection;
using AlmaIntegrationKit.Cli.Startup;
using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.Tests.Alma;

namespace AlmaIntegrationKit.Tests.Cli.Startup;

public sealed class JitWarmUpTests
{
    [Fact]
    public void Prepares_every_kind_of_type_without_failing_and_then_runs_the_last_step()
    {
        using var done = new ManualResetEventSlim();
        var warmUpThread = (string?)null;

        var exercised = 0;
        JitWarmUp.Start(
            [() => exercised++, () => throw new InvalidOperationException("a failing step does not stop the others"), () => exercised++],
            [typeof(Generic<>), typeof(Generic<string>), typeof(IDisposable), typeof(Abstract), typeof(Throwing), typeof(List<int>)],
            generatedCode: typeof(AlmaUserSchema),
            [typeof(ZipPackager<User>)],
            afterwards: () =>
            {
                warmUpThread = Thread.CurrentThread.Name;
                done.Set();
            });

        Assert.True(done.Wait(TimeSpan.FromMinutes(2)));
        Assert.Equal("Alma export warm-up", warmUpThread);
        Assert.Equal(2, exercised);
        Assert.False(Witness.StaticConstructorRan); // prepared, never run
        Assert.Equal(0, Witness.Constructed);
    }

    [Fact]
    public void The_exercises_run_on_throwaway_data_and_leave_no_file_behind()
    {
        var before = Directory.GetFiles(Directory.GetCurrentDirectory());

        WarmUpExercises.StateFile();
        WarmUpExercises.ReportCsv();
        WarmUpExercises.Manifest();
        WarmUpExercises.RunReport();

        Assert.Equal(before, Directory.GetFiles(Directory.GetCurrentDirectory()));
    }

    [Fact]
    public void Leaves_out_what_is_inlined_or_rarely_called()
    {
        static bool Worth(Type type, string name) =>
            JitWarmUp.WorthCompilingAhead(type.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)!);

        Assert.False(Worth(typeof(Address), "get_Line1")); // an auto-property's accessor: inlined where it is read
        Assert.True(Worth(typeof(User), "get_PrimaryId")); // but one of IAlmaUser, called through the interface
        Assert.False(Worth(typeof(Recorded), "op_Inequality")); // a record's synthesized members
        Assert.True(Worth(typeof(Recorded), "GetHashCode")); // virtual: called through the object
        Assert.True(Worth(typeof(AlmaUsersWriter), "WriteUser"));
        Assert.False(Worth(typeof(AlmaUsersWriter), "WriteResearcher")); // compiled where a feed first carries one
        Assert.True(Worth(typeof(Throwing), "Twice"));
    }

    private sealed record Recorded(int Value);

    private sealed class Generic<T>
    {
        public T? Value { get; set; }

        public TOther Convert<TOther>(Func<T?, TOther> convert) => convert(Value);

        public sealed class Nested
        {
            public T? Held { get; set; }
        }
    }

    private abstract class Abstract
    {
        public abstract void Run();
    }

    /// <summary>An explicit static constructor: the runtime runs it exactly before first use, never when compiling.</summary>
    private sealed class Throwing
    {
        static Throwing()
        {
            Witness.StaticConstructorRan = true;
            throw new InvalidOperationException("a static constructor must not run");
        }

        public Throwing() => Witness.Constructed++;

        public static int Twice(int value) => value * 2;
    }

    private static class Witness
    {
        public static bool StaticConstructorRan;
        public static int Constructed;
    }
}
