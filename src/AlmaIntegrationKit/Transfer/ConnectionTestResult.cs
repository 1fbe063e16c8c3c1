using System.Text;

namespace AlmaIntegrationKit.Transfer;

/// <summary>The outcome of one connection check.</summary>
internal enum CheckStatus
{
    /// <summary>The check passed.</summary>
    Ok,

    /// <summary>The check passed but something needs attention.</summary>
    Warning,

    /// <summary>The check failed.</summary>
    Failed,

    /// <summary>The check could not run because an earlier one failed.</summary>
    Skipped,
}

/// <summary>One line of a connection test.</summary>
/// <param name="Name">What was checked: reachable, host key, authentication, remote directory, write permission, room under cap, waiting zips.</param>
/// <param name="Status">Its outcome.</param>
/// <param name="Detail">Why: what was found, and for a failure what to check.</param>
internal sealed record ConnectionCheck(string Name, CheckStatus Status, string Detail)
{
    /// <summary>The check as one line: status, name, reason.</summary>
    public override string ToString()
    {
        var status = Status switch
        {
            CheckStatus.Ok => "ok  ",
            CheckStatus.Warning => "warn",
            CheckStatus.Failed => "FAIL",
            _ => "skip",
        };
        return $"{status}  {Name,-17} {Detail}";
    }
}

/// <summary>The outcome of a connection test (the <c>test-connection</c> command).</summary>
internal sealed record ConnectionTestResult
{
    /// <summary>What was tested, e.g. <c>sftp://alma@sftp.example.edu:22/production</c>. Never holds secrets.</summary>
    public required string Destination { get; init; }

    /// <summary>The checks, in the order they ran.</summary>
    public required IReadOnlyList<ConnectionCheck> Checks { get; init; }

    /// <summary>Zips in the remote directory that Alma has not picked up yet.</summary>
    public IReadOnlyList<string> WaitingZips { get; init; } = [];

    /// <summary>True when no check failed (warnings allowed).</summary>
    public bool Succeeded => Checks.All(c => c.Status is CheckStatus.Ok or CheckStatus.Warning);

    /// <summary>One line per check, for a console.</summary>
    public string Render()
    {
        var sb = new StringBuilder();
        sb.Append("Connection test of ").Append(Destination).Append('\n');
        foreach (var c in Checks)
        {
            sb.Append(c).Append('\n');
        }

        return sb.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Render();
}

/// <summary>The host key a server presented, for first setup (<c>--print-host-key</c>).</summary>
/// <param name="Host">The host asked.</param>
/// <param name="Port">The port asked.</param>
/// <param name="Algorithm">The key's algorithm, e.g. <c>ssh-ed25519</c>.</param>
/// <param name="KeyLengthBits">The key's length in bits.</param>
/// <param name="FingerprintSha256">The fingerprint as <c>ssh-keygen -l</c> prints it: <c>SHA256:...</c>.</param>
internal sealed record HostKeyInfo(string Host, int Port, string Algorithm, int KeyLengthBits, string FingerprintSha256)
{
    /// <summary>The key and the setting to add, with the advice to check it by another channel.</summary>
    public string Render() =>
        $"{Host}:{Port} presents {Algorithm} ({KeyLengthBits} bits) {FingerprintSha256}\n" +
        $"Check this fingerprint against the one your provider publishes or sends you (not over this same connection), then set\n" +
        $"  Sftp:HostKeySha256 = {FingerprintSha256}\n";

    /// <inheritdoc />
    public override string ToString() => $"{Host}:{Port} {Algorithm} {KeyLengthBits} {FingerprintSha256}";
}
