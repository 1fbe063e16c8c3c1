using System.Xml;
using System.Xml.Schema;
using System.Xml.Serialization;
using AlmaIntegrationKit.Benchmarks.Alma;
using AlmaIntegrationKit.Benchmarks.Baseline;
using AlmaIntegrationKit.Benchmarks.Data;
using BenchmarkDotNet.Attributes;

namespace AlmaIntegrationKit.Benchmarks.Suites;

/// <summary>
/// The 100,000-user file (written once by the generated writer in GlobalSetup) read back: the generated
/// <see cref="AlmaUsersReader"/> plus <see cref="AlmaUserValidator"/> on every user, against an <see cref="XmlReader"/>
/// validating with an <see cref="XmlSchemaSet"/> of the real three files (which only validates and builds no objects).
/// Target: at least 3x faster. Three informative rows: the generated reader alone, and XmlSerializer.Deserialize over the
/// validating reader (what validating and materializing costs the hand-written way), and a plain XmlReader
/// reading every node with the generated reader's settings (the parse floor every XmlReader-based reader pays).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class ReaderBenchmarks
{
    private byte[] _document = [];
    private XmlSchemaSet _schemas = null!;
    private XmlSerializer _serializer = null!;
    private readonly List<ValidationIssue> _issues = [];
    private int _schemaErrors;

    [GlobalSetup]
    public void Setup()
    {
        var users = PatronFactory.Create(WriterBenchmarks.UserCount);
        _schemas = AlmaSchemaSet.Load();
        _serializer = new XmlSerializer(typeof(XUsers));
        Sanity.Check(users, _schemas);
        _document = Sanity.WriteGenerated(users);

        // The whole file: valid for the XSD, and read back whole and clean by the generated reader and validator.
        var messages = new List<string>();
        if (Sanity.CountSchemaErrors(_document, _schemas, messages) != 0)
            throw new InvalidOperationException("The benchmark file does not validate: " + string.Join("; ", messages.Take(5)));
        if (GeneratedReadAndValidate() != users.Count)
            throw new InvalidOperationException("The generated reader did not read every user back without issues.");
        Console.WriteLine($"// benchmark file: {users.Count:N0} users, {_document.Length:N0} bytes");
    }

    [Benchmark(Baseline = true, Description = "XmlReader + XmlSchemaSet (validate only)")]
    public int XmlSchemaSetValidation()
    {
        _schemaErrors = 0;
        var settings = AlmaSchemaSet.ValidatingSettings(_schemas, OnSchemaError);
        using var reader = XmlReader.Create(new MemoryStream(_document, writable: false), settings);
        while (reader.Read())
        {
        }

        return _schemaErrors;
    }

    [Benchmark(Description = "Generated AlmaUsersReader + AlmaUserValidator")]
    public int GeneratedReadAndValidate()
    {
        var clean = 0;
        foreach (var record in AlmaUsersReader.Read(new MemoryStream(_document, writable: false)))
        {
            _issues.Clear();
            AlmaUserValidator.Validate(record.User, _issues);
            if (record.Issues.Count == 0 && _issues.Count == 0)
                clean++;
        }

        return clean;
    }

    [Benchmark(Description = "Generated AlmaUsersReader only")]
    public int GeneratedReadOnly()
    {
        var count = 0;
        foreach (var record in AlmaUsersReader.Read(new MemoryStream(_document, writable: false)))
            count += record.Issues.Count == 0 ? 1 : 0;
        return count;
    }

    [Benchmark(Description = "XmlReader, no validation (parse floor)")]
    public int XmlReaderParseOnly()
    {
        var elements = 0;
        using var reader = XmlReader.Create(new MemoryStream(_document, writable: false), Xml.AlmaReadContext.SafeSettings(closeInput: true));
        while (reader.Read())
            elements += reader.NodeType == XmlNodeType.Element ? 1 : 0;
        return elements;
    }

    [Benchmark(Description = "XmlSerializer.Deserialize over XmlSchemaSet reader")]
    public int XmlSerializerValidatingDeserialize()
    {
        _schemaErrors = 0;
        var settings = AlmaSchemaSet.ValidatingSettings(_schemas, OnSchemaError);
        using var reader = XmlReader.Create(new MemoryStream(_document, writable: false), settings);
        var users = (XUsers)_serializer.Deserialize(reader)!;
        return users.Users.Count + _schemaErrors;
    }

    private void OnSchemaError(object? sender, ValidationEventArgs e) => _schemaErrors++;
}
