namespace AlmaIntegrationKit.Packaging;

/// <summary>One zip of a run, as the manifest describes it.</summary>
/// <param name="FileName">Its name in the outbox.</param>
/// <param name="FullPath">Where it is: in the outbox once placed, under its temporary name before.</param>
/// <param name="SizeBytes">Its size.</param>
/// <param name="Sha256">The SHA-256 of its bytes, lowercase hex.</param>
/// <param name="UserCount">The users in its XML files.</param>
/// <param name="XmlFileCount">The XML files in it.</param>
internal sealed record PackagedZip(string FileName, string FullPath, long SizeBytes, string Sha256, int UserCount, int XmlFileCount);
