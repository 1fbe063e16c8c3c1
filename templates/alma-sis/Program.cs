// The nightly Alma SIS feed of ALMA_COLLEGE_NAME. Everything happens in AlmaIntegrationKit's command line host:
//
//   dotnet run -- run --dry-run     export the configured source into outbox/dry-run/, write the reports, send nothing
//   dotnet run -- run               export, then upload the new zips to Alma's SFTP directory
//   dotnet run -- validate FILE.zip check any Alma SIS file against the schema and Alma's rules
//   dotnet run -- status            the last runs and the zips waiting for upload
//   dotnet run -- upload            upload what a failed run left in the outbox
//   dotnet run -- test-connection   check the SFTP server, the key and the directory (and the codes, with Alma:ApiKey)
//   dotnet run -- check-codes       the codes this project sends against Alma's code tables (Alma REST API, read only)
//   dotnet run -- job-status        the last runs of Alma's SIS job: status, counters, rejected users
//   dotnet run -- verify-users      a sample of users in Alma against what was delivered
//
// Settings: appsettings.json (every one explained there), user secrets, environment variables, and
// --Section:Key=value after the command. What is this college's own: PatronMapper.cs and alma-user-groups.csv.
//
// The database drivers besides SQLite (PostgreSQL, SQL Server, Oracle) are registered in DatabaseDrivers.cs.
using AlmaIntegrationKit.Cli;
using AlmaSis.Template;
using AlmaSis.Template.Alma;

return await AlmaSisHost.RunAsync(args, AlmaUserSchema.Instance, AlmaUserGroups.Map, new PatronMapper(), DatabaseDrivers.Register);
