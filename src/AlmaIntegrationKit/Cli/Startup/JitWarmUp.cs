using System.Reflection;
using System.Runtime.CompilerServices;

namespace AlmaIntegrationKit.Cli.Startup;

/// <summary>
/// Gets the code of the rest of an export ready on a background thread while the first pass reads the source, on the
/// core that would otherwise wait. A nightly job runs with tiered compilation off (the template's setting), where each
/// method is compiled fully optimised the first time it is called; those first calls would otherwise be paid by the
/// reading thread, in a run that lasts seconds, and again by the run report (figures in docs/benchmarks.md).
/// </summary>
/// <remarks>
/// Mostly it only compiles (<see cref="RuntimeHelpers.PrepareMethod(RuntimeMethodHandle)"/>): nothing is called and
/// no static constructor runs, so the college's mapper and the generated code behave as without it (only a class with
/// static field initializers and no static constructor may be initialized early, as the runtime may do whenever it
/// compiles a method that uses it). What cannot be compiled by name (library code behind interfaces, generic code over
/// value types) is exercised on throwaway data by our own code only: an in-memory state database, a CSV row to
/// nowhere, an example manifest and run report. A method the reading thread reaches first is compiled there as
/// before; one being compiled here is waited for, not compiled twice. Nothing here can fail an export: every failure
/// on this thread is swallowed (a step not done costs only the time it would have saved).
/// </remarks>
internal static class JitWarmUp
{
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic
        | BindingFlags.Instance | BindingFlags.Static;

    /// <summary>
    /// Starts, on a background thread: <paramref name="exercise"/> (steps that run library code on throwaway data,
    /// such as an in-memory state database, for what cannot be compiled ahead by name), then compiling the methods of
    /// <paramref name="first"/>, of the generated code in the namespace of <paramref name="generatedCode"/> (its static
    /// classes, the validator and writer, before the model) and of <paramref name="then"/> (each with their nested
    /// types), and last <paramref name="afterwards"/>.
    /// </summary>
    public static void Start(Action[] exercise, Type[] first, Type generatedCode, Type[] then, Action afterwards)
    {
        var thread = new Thread(() =>
        {
            foreach (var step in exercise)
                Run(step);
            Prepare(first);
            Prepare(GeneratedTypes(generatedCode));
            Prepare(then);
            Run(afterwards);
        })
        { IsBackground = true, Name = "Alma export warm-up" };
        thread.Start();
    }

    /// <summary>The non-nested, non-generic types of the generated code's assembly and namespace, static classes first.</summary>
    private static IEnumerable<Type> GeneratedTypes(Type generatedCode)
    {
        try
        {
            return generatedCode.Assembly.GetTypes()
                .Where(t => t.Namespace == generatedCode.Namespace && !t.IsGenericTypeDefinition && !t.IsNested && !IsRarelyUsed(t))
                .OrderBy(t => t.IsAbstract && t.IsSealed ? 0 : 1)
                .ThenBy(t => t.FullName, StringComparer.Ordinal)
                .ToList();
        }
        catch (ReflectionTypeLoadException)
        {
            return [];
        }
    }

    private static void Prepare(IEnumerable<Type> types)
    {
        foreach (var type in types)
            Run(() => Prepare(type));
    }

    /// <summary>
    /// Not worth compiling ahead: a compiler-generated method that is not virtual (an auto-property's accessor, a
    /// record's operators and printing), inlined where it is called or not called in an export at all; and what the
    /// generated code marks <see cref="AlmaRarelyUsedAttribute"/> (such as Esploro's researcher parts: a feed that
    /// carries one compiles them where they are first used). Measured: ~840 of the ~1,250 methods the warm-up compiled were never called.
    /// </summary>
    internal static bool WorthCompilingAhead(MethodInfo method) =>
        !IsRarelyUsed(method)
        && (method.IsVirtual || !method.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false));

    private static bool IsRarelyUsed(MemberInfo member) => member.IsDefined(typeof(AlmaRarelyUsedAttribute), inherit: false);

    /// <summary>Whether <paramref name="method"/> has IL to compile (not a P/Invoke, nor implemented by the runtime), read from its attributes.</summary>
    private static bool HasBody(MethodInfo method) =>
        (method.Attributes & MethodAttributes.PinvokeImpl) == 0
        && (method.MethodImplementationFlags & (MethodImplAttributes.InternalCall | MethodImplAttributes.Runtime)) == 0;

    private static void Run(Action action)
    {
        try
        {
            action();
        }
#pragma warning disable CA1031 // an exception on a background thread would end the process; a type not prepared costs nothing
        catch (Exception)
        {
        }
#pragma warning restore CA1031
    }

    private static void Prepare(Type type)
    {
        if (type.IsGenericTypeDefinition || type.IsInterface)
            return;
        foreach (var method in type.GetMethods(Declared))
        {
            if (method.IsAbstract || method.ContainsGenericParameters || !HasBody(method) || !WorthCompilingAhead(method))
                continue;
            try
            {
                RuntimeHelpers.PrepareMethod(method.MethodHandle, type.IsGenericType ? type.GetGenericArguments().Select(a => a.TypeHandle).ToArray() : null);
            }
#pragma warning disable CA1031 // not preparable ahead of its first call: the reading thread compiles it as it would have anyway
            catch (Exception)
            {
            }
#pragma warning restore CA1031
        }

        foreach (var nested in type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic))
        {
            if (!nested.ContainsGenericParameters)
                Prepare(nested);
            else if (type.IsGenericType && nested.GetGenericArguments().Length == type.GetGenericArguments().Length)
                Prepare(nested.MakeGenericType(type.GetGenericArguments())); // a class nested in a generic class shares its type arguments
        }
    }
}
