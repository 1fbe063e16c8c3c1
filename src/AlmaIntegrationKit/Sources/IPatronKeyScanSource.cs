namespace AlmaIntegrationKit.Sources;

/// <summary>
/// A source that can give the export's first pass what it needs of each record (the record number, person_id and
/// patron_type) faster than by reading whole rows, such as a plain CSV file scanned without building any row.
/// </summary>
internal interface IPatronKeyScanSource
{
    /// <summary>
    /// Gives <paramref name="visitor"/> every record's keys in source order, with the same record numbers and row
    /// verdicts as a full read; false (with nothing given) when this source cannot be scanned quickly, and the caller
    /// reads it in full instead.
    /// </summary>
    bool TryScanKeys(IPatronKeyVisitor visitor);
}
