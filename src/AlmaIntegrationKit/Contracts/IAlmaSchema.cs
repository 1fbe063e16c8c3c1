using System.Buffers;

namespace AlmaIntegrationKit;

/// <summary>
/// The generated code for one version of the Ex Libris user schema: writer, reader and validator of its
/// <c>user</c> type. The export pipeline is generic over it; the generator emits one implementation,
/// <c>AlmaUserSchema.Instance</c>, in the college's project.
/// </summary>
/// <typeparam name="TUser">The generated <c>user</c> type.</typeparam>
public interface IAlmaSchema<TUser>
    where TUser : class, IAlmaUser
{
    /// <summary>The version of the generator that wrote this code (null from a generator older than the member).</summary>
    string? GeneratorVersion => null;

    /// <summary>The first 12 hex digits of a SHA-256 over the schema files the code was generated from.</summary>
    string? SchemaFingerprint => null;

    /// <summary>The Ex Libris publication those files are known as; null for files the kit has not seen.</summary>
    string? SchemaPublication => null;

    /// <summary>A new, empty user.</summary>
    TUser CreateUser();

    /// <summary>
    /// Starts a <c>&lt;users&gt;</c> document on <paramref name="output"/>: UTF-8 without a byte order mark.
    /// </summary>
    IAlmaUsersWriter<TUser> CreateWriter(Stream output, bool leaveOpen = false);

    /// <summary>
    /// The bytes of a <c>&lt;users&gt;</c> document before its first record (the XML declaration and the root's start
    /// tag). A document is this prefix, its records as <see cref="TryWriteRecord"/> writes them, one after the other,
    /// and <see cref="DocumentSuffix"/>: byte for byte what <see cref="CreateWriter"/> writes for the same users.
    /// </summary>
    ReadOnlySpan<byte> DocumentPrefix { get; }

    /// <summary>The bytes of a <c>&lt;users&gt;</c> document after its last record (the root's end tag).</summary>
    ReadOnlySpan<byte> DocumentSuffix { get; }

    /// <summary>
    /// Writes the record of <paramref name="user"/> (its <c>&lt;user&gt;</c> element and the line break after it) to
    /// <paramref name="output"/>; its bytes do not depend on the records around it. When a value holds a character
    /// XML 1.0 cannot carry, nothing is written, the reasons (with field paths) are added to <paramref name="issues"/>
    /// and the result is false.
    /// </summary>
    bool TryWriteRecord(TUser user, IBufferWriter<byte> output, ICollection<ValidationIssue> issues);

    /// <summary>
    /// Reads the <c>user</c> records of a <c>&lt;users&gt;</c> document one at a time. A malformed document
    /// throws <see cref="System.Xml.XmlException"/> at the point where it breaks; problems inside a record
    /// (unknown elements, bad dates) come back as issues of that record.
    /// </summary>
    IEnumerable<AlmaUserRecord<TUser>> ReadUsers(Stream input);

    /// <summary>Adds every issue of <paramref name="user"/> to <paramref name="issues"/>: facets, Alma rules, user group.</summary>
    void Validate(TUser user, ICollection<ValidationIssue> issues);
}

/// <summary>Writes <c>user</c> records into one <c>&lt;users&gt;</c> document, streaming.</summary>
public interface IAlmaUsersWriter<in TUser> : IDisposable
{
    /// <summary>How many users were written so far.</summary>
    int Count { get; }

    /// <summary>
    /// Writes <paramref name="user"/>, unless one of its values holds a character that XML 1.0 cannot carry:
    /// then nothing of it is written, the reasons (with field paths) are added to <paramref name="issues"/>
    /// and the result is false. A file this writer made always parses.
    /// </summary>
    bool TryWrite(TUser user, ICollection<ValidationIssue> issues);

    /// <summary>Closes the document and flushes. Further writes throw.</summary>
    void Complete();
}

/// <summary>One <c>user</c> read from a file, with where it started and what was wrong with it.</summary>
/// <param name="User">The user as far as it could be read.</param>
/// <param name="LineNumber">The line of its <c>&lt;user&gt;</c> start tag.</param>
/// <param name="Issues">Problems found while reading (unknown elements, values that do not parse).</param>
public sealed record AlmaUserRecord<TUser>(TUser User, int LineNumber, IReadOnlyList<ValidationIssue> Issues);
