namespace AlmaIntegrationKit.Transfer;

/// <summary>The <c>Folder</c> configuration section, for <see cref="UploadKind.Folder"/>.</summary>
internal sealed class FolderOptions
{
    /// <summary>The folder (usually a mounted share) that Alma's S/FTP server serves (<c>Folder:Path</c>).</summary>
    public string? Path { get; set; }

    /// <summary>Size cap of the folder in bytes (<c>Folder:DirectoryCapBytes</c>); none unless set.</summary>
    public long? DirectoryCapBytes { get; set; }

    /// <summary>Days files are kept (<c>Folder:RetentionDays</c>); used by opt-in pruning.</summary>
    public int? RetentionDays { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"Path={Path}, DirectoryCapBytes={DirectoryCapBytes}, RetentionDays={RetentionDays}";
}
