using AlmaIntegrationKit.Benchmarks.Baseline;
using AlmaIntegrationKit.Benchmarks.Data;
using AlmaIntegrationKit.Benchmarks.Suites;
using BenchmarkDotNet.Running;

// `-- --check`: only the sanity checks the suites run in GlobalSetup, in a few seconds. Anything else goes to
// BenchmarkDotNet, e.g. `-- --filter '*'` (see docs/benchmarks.md).
if (args is ["--check"])
{
    Sanity.Check(PatronFactory.Create(2_000), AlmaSchemaSet.Load(), sample: 2_000);
    var generator = new GeneratorBenchmarks();
    generator.Setup();
    Console.WriteLine($"Generator: {generator.RunGenerator()} sources. Writer and reader round trip, validator and XSD: OK.");
    return 0;
}

if (args is [var first, ..] && first.StartsWith("--e2e", StringComparison.Ordinal))
    return AlmaIntegrationKit.Benchmarks.EndToEnd.EndToEndCommand.Run(args);

if (args is ["--profile"])
{
    Profile.Run();
    return 0;
}

if (args is ["--profile-allocations"])
{
    Profile.Allocations();
    return 0;
}

if (args is ["--read-loop"])
{
    Profile.ReadLoop();
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
