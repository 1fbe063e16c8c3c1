using System.Collections;

namespace AlmaIntegrationKit.Validation;

/// <summary>
/// A collection that only counts what is added: the generated validator's first, path-free pass asks it whether
/// a record has anything to report at all.
/// </summary>
public sealed class IssueCounter : ICollection<ValidationIssue>
{
    /// <summary>How many issues were added.</summary>
    public int Count { get; private set; }

    /// <inheritdoc />
    public bool IsReadOnly => false;

    /// <inheritdoc />
    public void Add(ValidationIssue item) => Count++;

    /// <inheritdoc />
    public void Clear() => Count = 0;

    /// <inheritdoc />
    public bool Contains(ValidationIssue item) => false;

    /// <inheritdoc />
    public void CopyTo(ValidationIssue[] array, int arrayIndex)
    {
    }

    /// <inheritdoc />
    public bool Remove(ValidationIssue item) => false;

    /// <inheritdoc />
    public IEnumerator<ValidationIssue> GetEnumerator() => Enumerable.Empty<ValidationIssue>().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
