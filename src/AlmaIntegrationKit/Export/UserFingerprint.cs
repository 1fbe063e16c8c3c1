using System.Security.Cryptography;

namespace AlmaIntegrationKit.Export;

/// <summary>
/// The SHA-256 of a user's XML as the generated writer makes it: equal fingerprints mean Alma would receive the same
/// record, which is what delta runs compare. One instance reuses its buffer; not thread-safe.
/// </summary>
/// <typeparam name="TUser">The generated user type.</typeparam>
internal sealed class UserFingerprint<TUser>(IAlmaSchema<TUser> schema)
    where TUser : class, IAlmaUser
{
    private readonly MemoryStream _buffer = new();

    /// <summary>
    /// The fingerprint of <paramref name="user"/>, or null when it holds a character XML cannot carry (the reasons
    /// are added to <paramref name="issues"/>).
    /// </summary>
    public byte[]? Compute(TUser user, ICollection<ValidationIssue> issues)
    {
        _buffer.SetLength(0);
        using (var writer = schema.CreateWriter(_buffer, leaveOpen: true))
        {
            if (!writer.TryWrite(user, issues))
                return null;
            writer.Complete();
        }

        return SHA256.HashData(_buffer.GetBuffer().AsSpan(0, (int)_buffer.Length));
    }
}
