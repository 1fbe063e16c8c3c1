using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.Results;

namespace AlmaIntegrationKit.Export;

/// <summary>The outcome of one export run.</summary>
internal sealed record ExportResult
{
    /// <summary>The run's name.</summary>
    public required string RunName { get; init; }

    /// <summary>Whether a threshold stopped the run before anything was placed (exit code 2).</summary>
    public required bool Aborted { get; init; }

    /// <summary>The counts.</summary>
    public required ExportCounts Counts { get; init; }

    /// <summary>The safety verdicts.</summary>
    public required IReadOnlyList<ThresholdVerdict> Thresholds { get; init; }

    /// <summary>The zips placed in the outbox (none when aborted).</summary>
    public required IReadOnlyList<PackagedZip> Zips { get; init; }

    /// <summary>The run's <c>manifest.json</c>.</summary>
    public required string ManifestPath { get; init; }

    /// <summary>The run's <c>rejects.csv</c>.</summary>
    public required string RejectsPath { get; init; }

    /// <summary>The run's <c>merged.csv</c>.</summary>
    public required string MergedPath { get; init; }

    /// <summary>What the run did not do that an operator should know of (leavers held back, and why).</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];
}
