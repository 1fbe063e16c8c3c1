using System.Xml;
using System.Xml.Serialization;
using AlmaIntegrationKit.Benchmarks.Alma;
using AlmaIntegrationKit.Benchmarks.Baseline;
using AlmaIntegrationKit.Benchmarks.Data;
using BenchmarkDotNet.Attributes;

namespace AlmaIntegrationKit.Benchmarks.Suites;

/// <summary>
/// 100,000 realistic users to a stream: the generated <see cref="AlmaUsersWriter"/> against <see cref="XmlSerializer"/>
/// over equivalent hand-attributed classes (cached serializer, UTF-8 without BOM, no indentation). Target: at least 3x
/// the throughput and at most a third of the allocations.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class WriterBenchmarks
{
    public const int UserCount = 100_000;

    private List<User> _users = [];
    private XUsers _serializerUsers = new();
    private XmlSerializer _serializer = null!;
    private readonly List<ValidationIssue> _issues = [];

    [GlobalSetup]
    public void Setup()
    {
        _users = PatronFactory.Create(UserCount);
        _serializerUsers = SerializerModel.From(_users);
        _serializer = new XmlSerializer(typeof(XUsers));
        Sanity.Check(_users, AlmaSchemaSet.Load());
        Console.WriteLine($"// {UserCount} users: generated writer {Sanity.WriteGenerated(_users).Length:N0} bytes, " +
                          $"XmlSerializer {Sanity.WriteSerializer(_serializerUsers, _serializer).Length:N0} bytes");
    }

    [Benchmark(Baseline = true, Description = "XmlSerializer (hand-attributed POCOs)")]
    public void XmlSerializer()
    {
        using var writer = XmlWriter.Create(Stream.Null, Sanity.SerializerSettings);
        _serializer.Serialize(writer, _serializerUsers, Sanity.NoNamespaces);
    }

    [Benchmark(Description = "Generated AlmaUsersWriter")]
    public int GeneratedWriter()
    {
        using var writer = new AlmaUsersWriter(Stream.Null, leaveOpen: true);
        foreach (var user in _users)
        {
            if (!writer.TryWrite(user, _issues))
                throw new InvalidOperationException("A benchmark user was refused.");
        }

        writer.Complete();
        return writer.Count;
    }
}
