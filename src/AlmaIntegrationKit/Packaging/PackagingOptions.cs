namespace AlmaIntegrationKit.Packaging;

/// <summary>How a run's users are cut into XML files and zips.</summary>
internal sealed record PackagingOptions
{
    /// <summary>Alma's SIS job reads at most this many XML files per zip.</summary>
    public const int MaxXmlFilesPerZip = 50;

    /// <summary>The folder the zips are placed in (created when missing).</summary>
    public required string OutboxDirectory { get; init; }

    /// <summary>The institution code that starts every name, e.g. <c>01MAIN</c>.</summary>
    public required string InstitutionCode { get; init; }

    /// <summary>The integration profile the zips are for, e.g. <c>students</c>.</summary>
    public required string Profile { get; init; }

    /// <summary>The run's name (see <see cref="PackageNaming.RunName"/>).</summary>
    public required string RunName { get; init; }

    /// <summary>The run date: names the XML files and is the timestamp of every zip entry.</summary>
    public required DateOnly RunDate { get; init; }

    /// <summary>At most this many users per XML file (<c>Export:UsersPerFile</c>, default 10,000).</summary>
    public int UsersPerFile { get; init; } = 10_000;

    /// <summary>At most this many XML files per zip (default and maximum <see cref="MaxXmlFilesPerZip"/>).</summary>
    public int XmlFilesPerZip { get; init; } = MaxXmlFilesPerZip;
}
