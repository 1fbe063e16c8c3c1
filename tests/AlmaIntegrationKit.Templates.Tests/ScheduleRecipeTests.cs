using AlmaIntegrationKit.Templates.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace AlmaIntegrationKit.Templates.Tests;

/// <summary>
/// The recipes in the template's <c>schedule/</c> folder, parsed as what reads them: the Kubernetes manifests as YAML,
/// the systemd units as unit files, the Dockerfile as its instructions. No image is built (no registry is reachable).
/// </summary>
public sealed class ScheduleRecipeTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.TemplateFolder, "schedule");

    [Fact]
    public void The_cronjob_runs_one_at_a_time_never_retries_keeps_state_on_a_volume_and_reads_secrets_from_files()
    {
        var documents = ReadYaml(Path.Combine(Folder, "alma-sis-cronjob.yaml"));
        var claim = Assert.Single(documents, d => Text(d, "kind") == "PersistentVolumeClaim");
        var cronJob = Assert.Single(documents, d => Text(d, "kind") == "CronJob");
        Assert.Equal("batch/v1", Text(cronJob, "apiVersion"));
        Assert.Equal(["ReadWriteOnce"], Sequence(claim, "spec", "accessModes").Select(n => ((YamlScalarNode)n).Value));

        Assert.Equal("Forbid", Text(cronJob, "spec", "concurrencyPolicy"));
        Assert.Equal(5, Text(cronJob, "spec", "schedule").Split(' ').Length);
        Assert.Equal("0", Text(cronJob, "spec", "jobTemplate", "spec", "backoffLimit"));
        var pod = Map(cronJob, "spec", "jobTemplate", "spec", "template", "spec");
        Assert.Equal("Never", Text(pod, "restartPolicy"));
        Assert.Equal("true", Text(pod, "securityContext", "runAsNonRoot"));
        Assert.NotEqual("0", Text(pod, "securityContext", "runAsUser"));

        var container = (YamlMappingNode)Assert.Single(Sequence(pod, "containers"));
        Assert.Equal("false", Text(container, "securityContext", "allowPrivilegeEscalation"));
        var env = Sequence(container, "env").Cast<YamlMappingNode>().ToDictionary(e => Text(e, "name"), e => Text(e, "value"));
        var mounts = Sequence(container, "volumeMounts").Cast<YamlMappingNode>().ToDictionary(m => Text(m, "name"));
        var volumes = Sequence(pod, "volumes").Cast<YamlMappingNode>().ToDictionary(v => Text(v, "name"));

        // The state file and outbox lie on the mount of the persistent volume claim declared above.
        var state = Assert.Single(volumes.Values, v => v.Children.ContainsKey("persistentVolumeClaim"));
        Assert.Equal(Text(claim, "metadata", "name"), Text(state, "persistentVolumeClaim", "claimName"));
        var stateMount = Text(mounts[Text(state, "name")], "mountPath");
        Assert.StartsWith(stateMount + "/", env["Export__StateFile"], StringComparison.Ordinal);
        Assert.StartsWith(stateMount + "/", env["Export__Outbox"], StringComparison.Ordinal);

        // The secrets are files: a secret volume, mounted read-only where CREDENTIALS_DIRECTORY points, and the key.
        var secretVolumes = volumes.Values.Where(v => v.Children.ContainsKey("secret")).Select(v => Text(v, "name")).ToList();
        Assert.Equal(2, secretVolumes.Count);
        Assert.All(secretVolumes, name => Assert.Equal("true", Text(mounts[name], "readOnly")));
        Assert.Contains(env["CREDENTIALS_DIRECTORY"], secretVolumes.Select(name => Text(mounts[name], "mountPath")));
        Assert.Contains(secretVolumes, name => env["Sftp__PrivateKeyPath"].StartsWith(Text(mounts[name], "mountPath") + "/", StringComparison.Ordinal));
        Assert.DoesNotContain(env.Keys, key => key.Contains("Password", StringComparison.OrdinalIgnoreCase) || key.Contains("ConnectionString", StringComparison.Ordinal));
    }

    [Fact]
    public void The_dockerfile_publishes_with_a_runtime_identifier_and_runs_as_a_non_root_user()
    {
        var lines = Instructions(Path.Combine(Folder, "Dockerfile"));
        var stages = lines.Select((line, index) => (line, index)).Where(l => l.line.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, stages.Count);
        var targetFramework = System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryPaths.TemplateFolder, "Directory.Build.props"))
            .Descendants("TargetFramework").Single().Value;
        Assert.Contains("ARG DOTNET_VERSION=" + targetFramework["net".Length..], lines);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:", stages[0].line, StringComparison.Ordinal);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/runtime:", stages[1].line, StringComparison.Ordinal);

        var publish = Assert.Single(lines, l => l.StartsWith("RUN dotnet publish ", StringComparison.Ordinal));
        Assert.Contains(" -r ${RUNTIME_IDENTIFIER} ", publish, StringComparison.Ordinal);
        Assert.Contains("ARG RUNTIME_IDENTIFIER=linux-x64", lines);

        var final = lines.Skip(stages[1].index).ToList();
        var user = final.Last(l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.Equal("USER $APP_UID", user);
        Assert.True(final.IndexOf(user) > final.FindLastIndex(l => l.StartsWith("RUN ", StringComparison.Ordinal)), "a RUN after USER would run as root");
        Assert.Contains(final, l => l.StartsWith("VOLUME /var/lib/alma-sis", StringComparison.Ordinal));
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"/app/AlmaSisTemplateFile.dll\"]", final);

        var ignored = File.ReadAllLines(Path.Combine(Folder, "Dockerfile.dockerignore"));
        Assert.Contains("state/", ignored);
        Assert.Contains("outbox/", ignored);
    }

    [Fact]
    public void The_systemd_service_is_hardened_notifies_on_failure_and_takes_state_and_credentials_from_systemd()
    {
        var service = SystemdUnit.Read(Path.Combine(Folder, "alma-sis.service"));
        Assert.Equal(["Unit", "Service"], service.Sections);

        var onFailure = service.Single("Unit", "OnFailure");
        Assert.Equal("alma-sis-notify@%n.service", onFailure);
        var notify = SystemdUnit.Read(Path.Combine(Folder, "alma-sis-notify@.service"));
        Assert.Contains("%i", notify.Single("Service", "ExecStart"), StringComparison.Ordinal);
        Assert.Equal("oneshot", notify.Single("Service", "Type"));

        Assert.Equal("oneshot", service.Single("Service", "Type"));
        Assert.Equal("alma-sis", service.Single("Service", "StateDirectory"));
        var environment = service.Environment("Service");
        Assert.StartsWith("%S/alma-sis/", environment["Export__StateFile"], StringComparison.Ordinal);
        Assert.StartsWith("%S/alma-sis/", environment["Export__Outbox"], StringComparison.Ordinal);

        var credentials = service.All("Service", "LoadCredential").Select(c => c.Split(':', 2)).ToDictionary(c => c[0], c => c[1]);
        Assert.Contains("Database__ConnectionString", credentials.Keys);
        Assert.All(credentials.Values, path => Assert.StartsWith("/etc/alma-sis/credentials/", path, StringComparison.Ordinal));
        Assert.Equal("%d/sftp-key", environment["Sftp__PrivateKeyPath"]);
        Assert.Contains("sftp-key", credentials.Keys);
        Assert.Empty(service.All("Service", "EnvironmentFile"));

        foreach (var (key, value) in new[]
                 {
                     ("DynamicUser", "yes"), ("NoNewPrivileges", "yes"), ("ProtectSystem", "strict"), ("ProtectHome", "yes"),
                     ("PrivateTmp", "yes"), ("PrivateDevices", "yes"), ("RestrictNamespaces", "yes"), ("CapabilityBoundingSet", ""),
                 })
            Assert.Equal(value, service.Single("Service", key));
        // .NET compiles code at run time: a service that forbids writable executable memory could not run.
        Assert.Empty(service.All("Service", "MemoryDenyWriteExecute"));

        var timer = SystemdUnit.Read(Path.Combine(Folder, "alma-sis.timer"));
        Assert.Equal("true", timer.Single("Timer", "Persistent"));
    }

    private static List<YamlMappingNode> ReadYaml(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
            stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static YamlNode Node(YamlMappingNode map, params string[] path)
    {
        YamlNode node = map;
        foreach (var key in path)
        {
            Assert.True(node is YamlMappingNode m && m.Children.ContainsKey(key), $"no '{key}' on the path {string.Join('.', path)}");
            node = ((YamlMappingNode)node)[key];
        }

        return node;
    }

    private static string Text(YamlMappingNode map, params string[] path) => ((YamlScalarNode)Node(map, path)).Value ?? "";

    private static YamlMappingNode Map(YamlMappingNode map, params string[] path) => (YamlMappingNode)Node(map, path);

    private static IList<YamlNode> Sequence(YamlMappingNode map, params string[] path) => ((YamlSequenceNode)Node(map, path)).Children;

    // The Dockerfile's instructions, one per line: comments dropped, continued lines joined.
    private static List<string> Instructions(string path)
    {
        var instructions = new List<string>();
        string? pending = null;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending is null))
                continue;
            line = pending is null ? line : pending + " " + line;
            if (line.EndsWith('\\'))
            {
                pending = line[..^1].TrimEnd();
                continue;
            }

            pending = null;
            instructions.Add(line);
        }

        return instructions;
    }
}
