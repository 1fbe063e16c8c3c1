using System.Reflection;
using AlmaIntegrationKit.Sources;

namespace AlmaSis.Template.Tests;

/// <summary>Where the feed project's files are, and rows to test the mapper with.</summary>
internal static class FeedProject
{
    public static string Directory { get; } = typeof(FeedProject).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "FeedProjectDirectory").Value!;

    public static string SamplesCsv => Path.Combine(Directory, "samples", "patrons.csv");

    public static string MappingFile => Path.Combine(Directory, "alma-user-groups.csv");

    /// <summary>A complete row, as the extract produces it; change what a test is about with a <c>with</c> expression.</summary>
    public static PatronRow Row() => new()
    {
        Position = SourcePosition.Line("test.csv", 2),
        PersonId = "200123",
        LoginId = "MRamirez",
        Barcode = "21847000200123",
        FirstName = "María",
        MiddleName = "José",
        LastName = "Ramírez Ortiz",
        PreferredFirstName = "Majo",
        Email = "MRamirez@students.example.edu",
        Phone = "(951) 555-0123",
        AddressLine1 = "3100 University Ave",
        AddressLine2 = "Room 212",
        City = "Riverside",
        State = "CA",
        PostalCode = "92507",
        Country = "USA",
        PatronType = "UG",
        TermEndDate = new DateOnly(2027, 5, 14),
        BirthDate = new DateOnly(2005, 3, 14),
        Status = "ACTIVE",
    };
}
