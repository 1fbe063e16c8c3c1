using System.Globalization;
using System.Text;

namespace AlmaIntegrationKit.Transfer;

/// <summary>What an upload did: the files placed (for the run manifest), files removed, warnings, the cap check,
/// and, when it stopped, why.</summary>
internal sealed record UploadResult
{
    /// <summary>Where files went, e.g. <c>sftp://alma@sftp.example.edu:22/production</c> or a folder path. Never holds secrets.</summary>
    public required string Destination { get; init; }

    /// <summary>The files in their place, in the order given (only those done when a failure stopped the run).</summary>
    public IReadOnlyList<PlacedFile> Placed { get; init; } = [];

    /// <summary>Files this run removed: stale <c>.part</c> files and, when opted in, pruned files.</summary>
    public IReadOnlyList<RemovedFile> Removed { get; init; } = [];

    /// <summary>Things the operator should know that did not stop the run (zips Alma has not picked up yet...).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The size check, when the run got that far.</summary>
    public CapCheck? Cap { get; init; }

    /// <summary>Why the run stopped; null when every file is in place.</summary>
    public TransferFailure? Failure { get; init; }

    /// <summary>How many connections were tried (1 when the first worked).</summary>
    public int Attempts { get; init; }

    /// <summary>Whether every file is in place.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>The result as lines for a console or a log.</summary>
    public string Render()
    {
        var sb = new StringBuilder();
        sb.Append(Succeeded ? "Upload to " : "Upload FAILED to ").Append(Destination)
          .Append(" (").Append(Attempts.ToString(CultureInfo.InvariantCulture)).Append(Attempts == 1 ? " attempt)" : " attempts)").Append('\n');
        foreach (var p in Placed)
        {
            var what = p.Outcome switch
            {
                PlacementOutcome.Uploaded => "uploaded       ",
                PlacementOutcome.AlreadyPresent => "already present",
                _ => "already handled",
            };
            sb.Append("  ").Append(what).Append(' ').Append(p.RemotePath).Append("  ").Append(ByteSize.Format(p.SizeBytes))
              .Append("  ").Append(p.PlacedAtUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append('\n');
        }

        foreach (var r in Removed)
        {
            var why = r.Reason switch
            {
                RemovalReason.StalePart => "stale partial upload",
                RemovalReason.Handled => "handled by Alma",
                _ => "older than the retention period",
            };
            sb.Append("  removed ").Append(r.RemotePath).Append(" (").Append(why).Append(")\n");
        }

        if (Cap is not null)
        {
            sb.Append("  size: ").Append(Cap).Append('\n');
        }

        foreach (var w in Warnings)
        {
            sb.Append("  warning: ").Append(w).Append('\n');
        }

        if (Failure is not null)
        {
            sb.Append("  error: ").Append(Failure.Message).Append('\n');
            if (Failure.Hint.Length > 0)
            {
                sb.Append("  check: ").Append(Failure.Hint).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Render();
}
