#!/usr/bin/env bash
# The main job, end to end, from this checkout: packs the kit and the template package, scaffolds a demo college
# with `dotnet new alma-sis` into a temporary folder, builds it (the generator runs inside its compiler on the
# Ex Libris schema) and runs its dry run on the sample patrons. Prints where the zip, manifest and reports are.
# Nothing outside the temporary folder is changed: the template hive and NuGet packages folder are its own.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

work=$(mktemp -d "${TMPDIR:-/tmp}/alma-demo-XXXXXX")
# The kit's version is set in Directory.Build.props only; the demo packs it with a suffix of its own.
suffix="demo.$(date -u +%Y%m%d%H%M%S)"
version="$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' Directory.Build.props)-$suffix"
feed="$work/feed" hive="$work/hive" college="$work/college"
export NUGET_PACKAGES="$work/packages"
echo "Demo folder: $work"

echo "1/4 Packing AlmaIntegrationKit.Generators, AlmaIntegrationKit, its PostgreSQL and SQL Server sources and AlmaIntegrationKit.Templates $version"
for project in src/AlmaIntegrationKit.Generators/AlmaIntegrationKit.Generators.csproj \
               src/AlmaIntegrationKit/AlmaIntegrationKit.csproj \
               src/AlmaIntegrationKit.Sources.PostgreSql/AlmaIntegrationKit.Sources.PostgreSql.csproj \
               src/AlmaIntegrationKit.Sources.SqlServer/AlmaIntegrationKit.Sources.SqlServer.csproj \
               templates/AlmaIntegrationKit.Templates.csproj; do
  dotnet pack "$project" -c Release -o "$feed" --artifacts-path "$work/artifacts" -p:VersionSuffix="$suffix" \
    -nodeReuse:false -m:1 -v:quiet -clp:ErrorsOnly
done

echo "2/4 dotnet new alma-sis -n Riverside.AlmaSis (template installed into $hive)"
dotnet new install "$feed/AlmaIntegrationKit.Templates.$version.nupkg" --debug:custom-hive "$hive" >/dev/null
mkdir -p "$college"
# The local feed first, then the machine's own sources for the kit's dependencies.
{
  echo '<?xml version="1.0" encoding="utf-8"?><configuration><packageSources><clear />'
  echo "<add key=\"alma-local\" value=\"$feed\" />"
  dotnet nuget list source --format short | awk '/^E /{ printf "<add key=\"machine-%d\" value=\"%s\" />\n", n++, $2 }'
  echo '</packageSources></configuration>'
} > "$college/nuget.config"
dotnet new alma-sis -n Riverside.AlmaSis -o "$college/Riverside.AlmaSis" --college "Riverside Community College" \
  --institution-code 01RIVERSIDE_INST --debug:custom-hive "$hive" >/dev/null

echo "3/4 Building (warnings as errors)"
cd "$college/Riverside.AlmaSis"
dotnet build -c Release -warnaserror -nodeReuse:false -v:quiet -clp:ErrorsOnly

echo "4/4 Dry run on samples/patrons.csv"
dotnet run -c Release --no-build -- run --dry-run
echo
echo "The project: $college/Riverside.AlmaSis (its README.md is the college's runbook)"
echo "Remove everything with: rm -rf $work"
