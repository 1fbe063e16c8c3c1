using System.IO.Hashing;

namespace AlmaIntegrationKit.Packaging;

/// <summary>
/// The fingerprint of a user's XML as the generated writer makes it: equal fingerprints mean Alma would receive the
/// same record, which is what delta runs compare.
/// </summary>
/// <remarks>
/// XXH128, a 128-bit non-cryptographic hash: two different records share a fingerprint with a probability of about
/// 2^-128 per pair, and it costs far less than a SHA-256 through the platform's crypto library, whose fixed cost of a
/// call is paid once per user, every night (figures in docs/benchmarks.md). A fingerprint only ever decides whether to send a user again, never
/// whether to trust anything. (State files written before hold 32-byte SHA-256 fingerprints; they never equal a
/// 16-byte one, so the first delta run after the change sends every user once.)
/// </remarks>
internal static class UserFingerprint
{
    /// <summary>The fingerprint of <paramref name="userDocument"/>, a one-user document from the generated writer.</summary>
    public static byte[] Of(ReadOnlySpan<byte> userDocument) => XxHash128.Hash(userDocument);
}
