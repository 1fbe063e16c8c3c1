namespace AlmaIntegrationKit.Transfer;

/// <summary>Where the nightly zips are placed for Alma's SIS job (<c>Upload:Kind</c>).</summary>
internal enum UploadKind
{
    /// <summary>The Ex Libris Secure FTP service: SFTP with key-based access, a remote directory ending in
    /// <c>production</c> or <c>sandbox</c>, a size cap on the institution directory (1 GB unless configured)
    /// and files kept 30 days.</summary>
    ExLibrisSecureFtp,

    /// <summary>Any other SFTP server (the college's own, a vendor's). No cap and no retention unless configured.</summary>
    Sftp,

    /// <summary>A folder on a mounted share that the S/FTP server serves (<c>Folder:Path</c>).</summary>
    Folder,
}
