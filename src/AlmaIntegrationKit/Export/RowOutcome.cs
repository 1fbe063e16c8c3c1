using AlmaIntegrationKit.Results;
using AlmaIntegrationKit.Sources;
using AlmaIntegrationKit.State;

namespace AlmaIntegrationKit.Export;

/// <summary>
/// What <see cref="RowDecision{TUser}"/> decided for one source record: exactly one of <see cref="Written"/>,
/// <see cref="Rejected"/> or <see cref="Merged"/>. Whether a written user is also new, changed or unchanged since the
/// last delivery is decided afterwards against the state (<see cref="OutcomeRecorder{TUser}"/>).
/// </summary>
internal abstract class RowOutcome
{
    private RowOutcome()
    {
    }

    /// <summary>The row became a valid user; its record bytes are the decision's <see cref="RowDecision{TUser}.Record"/>.</summary>
    public sealed class Written(SourcePosition position, SentUser sent, string status, IReadOnlyList<(string Value, string Kind)> idValues, bool warnings)
        : RowOutcome
    {
        /// <summary>Where the row is in the source.</summary>
        public SourcePosition Position { get; } = position;

        /// <summary>What the state keeps of the user.</summary>
        public SentUser Sent { get; } = sent;

        /// <summary>The user's status code: ACTIVE or INACTIVE.</summary>
        public string Status { get; } = status;

        /// <summary>The user's primary_id (kind <c>primary_id</c>) and identifier values (kind: the identifier type), each once.</summary>
        public IReadOnlyList<(string Value, string Kind)> IdValues { get; } = idValues;

        /// <summary>Whether validation found warnings (never errors).</summary>
        public bool Warnings { get; } = warnings;

        /// <summary>
        /// The better rows of the person that were rejected, when this row stood in for them
        /// (<see cref="MergeDecision{TUser}"/>): each a line of merged.csv once the user is recorded, counted as rejected.
        /// </summary>
        public IReadOnlyList<MergedRow> StoodInFor { get; private init; } = [];

        /// <summary>The same outcome, for a row that stood in for the rejected better rows <paramref name="rejected"/>.</summary>
        public Written StandingInFor(IReadOnlyList<MergedRow> rejected) =>
            new(Position, Sent, Status, IdValues, Warnings) { StoodInFor = rejected };
    }

    /// <summary>The record was rejected; the first error's rule is the one the run counts.</summary>
    public sealed class Rejected(ExportRejection rejection) : RowOutcome
    {
        public ExportRejection Rejection { get; } = rejection;
    }

    /// <summary>The row lost to another row of the same person.</summary>
    public sealed class Merged(MergedRow row) : RowOutcome
    {
        public MergedRow Row { get; } = row;
    }
}
