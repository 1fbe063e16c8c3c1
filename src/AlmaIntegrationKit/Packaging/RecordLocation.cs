namespace AlmaIntegrationKit.Packaging;

/// <summary>
/// Where one user's record lies in a run's zips: the zip (1 for the first), the XML file within it (0 for the first
/// entry), and the record's bytes within that file, uncompressed.
/// </summary>
/// <param name="Zip">The zip's number in the run, from 1.</param>
/// <param name="Entry">The XML file's index among the zip's entries, from 0.</param>
/// <param name="Offset">Where the record starts in the XML file, in bytes.</param>
/// <param name="Length">The record's length in bytes.</param>
internal readonly record struct RecordLocation(int Zip, int Entry, long Offset, int Length);
