using System.Net;
using AlmaIntegrationKit.Cli;
using AlmaIntegrationKit.Tests.Cli;
using AlmaIntegrationKit.Tests.Export;
using MimeKit;

namespace AlmaIntegrationKit.Tests.Notifications;

/// <summary>
/// <c>run</c> telling its operators, against a real SMTP server (aiosmtpd) and a real HTTP listener on 127.0.0.1:
/// when it sends, what the message holds, and that a failure to notify never changes the exit code.
/// </summary>
public sealed class NotificationTests : IDisposable
{
    private const string RunName = "01TEST_students_20300116T020000Z";
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task An_aborted_run_emails_the_outcome_counts_and_next_step_without_personal_data_by_default()
    {
        using var smtp = new SmtpServer();
        MailTo(smtp.Port, "None");
        _cli.WithFolderUpload();
        _cli.WriteFeed(new PatronFeed().Good(5).Row("P90001", "secretlogin1", "XX", lastName: "Zyxwvut"));

        var code = await _cli.RunAsync("run");

        Assert.True(code == ExitCodes.Aborted, _cli.Transcript);
        var message = Assert.Single(smtp.Messages());
        Assert.Equal("alma-feed@college.example", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal(["it-ops@college.example", "library@college.example"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Contains(RunName, message.Subject);
        Assert.Contains("ABORTED", message.Subject);
        var text = message.TextBody;
        Assert.Contains("Exit code 2", text);
        Assert.Contains("6 rows read", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Safety:MaxRejectPercent", text);
        Assert.Contains("What to do next: Nothing was placed or uploaded", text);
        Assert.Contains("run-report.html", text);
        foreach (var personal in new[] { "secretlogin1", "Zyxwvut", "user00001", "@example.edu" })
            Assert.DoesNotContain(personal, text + message.Subject);
        Assert.Contains("Notified 2 recipient(s) by email", _cli.Error);
    }

    [Fact]
    public async Task Problems_sends_nothing_for_a_good_run_and_Always_sends_on_both_channels()
    {
        using var smtp = new SmtpServer();
        using var webhook = new WebhookListener();
        MailTo(smtp.Port, "None");
        _cli.Section("Notify")["WebhookUrl"] = webhook.Url.ToString();
        _cli.WriteFeed(new PatronFeed().Good(4));

        Assert.True(await _cli.RunAsync("run", "--dry-run") == ExitCodes.Success, _cli.Transcript);
        Assert.Empty(smtp.Messages());
        Assert.Empty(webhook.Received);
        Assert.DoesNotContain("Notified", _cli.Error);

        _cli.Section("Notify")["When"] = "Always";
        Assert.True(await _cli.RunAsync("run", "--dry-run", "--out", "second") == ExitCodes.Success, _cli.Transcript);
        var message = Assert.Single(smtp.Messages());
        Assert.EndsWith("(dry run) done", message.Subject);
        Assert.Contains("What to do next: Nothing to do.", message.TextBody);
        var json = Assert.Single(webhook.Received).RootElement;
        Assert.Equal("Succeeded", json.GetProperty("outcome").GetString());
        Assert.Equal(RunName, json.GetProperty("run_name").GetString());
        Assert.Equal(4, json.GetProperty("counts").GetProperty("written").GetInt64());
        Assert.True(json.GetProperty("dry_run").GetBoolean());
        Assert.StartsWith(message.Subject, json.GetProperty("text").GetString());
        Assert.DoesNotContain("secret-key", _cli.Error + _cli.Output); // the webhook's URL carries its key
    }

    [Fact]
    public async Task Never_sends_nothing_even_for_an_aborted_run()
    {
        using var smtp = new SmtpServer();
        using var webhook = new WebhookListener();
        MailTo(smtp.Port, "None");
        _cli.Section("Notify")["WebhookUrl"] = webhook.Url.ToString();
        _cli.Section("Notify")["When"] = "Never";
        _cli.WithFolderUpload();
        _cli.WriteFeed(new PatronFeed().Good(3).Row("P90001", "u1", "XX"));

        Assert.True(await _cli.RunAsync("run") == ExitCodes.Aborted, _cli.Transcript);
        Assert.Empty(smtp.Messages());
        Assert.Empty(webhook.Received);
    }

    [Fact]
    public async Task Rejects_over_the_warning_level_make_a_good_run_worth_telling()
    {
        using var webhook = new WebhookListener();
        _cli.Section("Notify")["WebhookUrl"] = webhook.Url.ToString();
        _cli.Section("Notify")["RejectWarningPercent"] = "5";
        _cli.Section("Notify")["ReportBaseUrl"] = "https://intranet.college.example/alma-reports/";
        _cli.Settings["Safety"] = new Dictionary<string, object> { ["MaxRejectPercent"] = 20 };
        _cli.WithFolderUpload();
        _cli.WriteFeed(new PatronFeed().Good(9).Row("P90001", "u1", "XX"));

        Assert.True(await _cli.RunAsync("run") == ExitCodes.Success, _cli.Transcript);
        var json = Assert.Single(webhook.Received).RootElement;
        Assert.Equal("RejectsWarning", json.GetProperty("outcome").GetString());
        Assert.Equal($"https://intranet.college.example/alma-reports/{RunName}/run-report.html", json.GetProperty("report_url").GetString());
        Assert.Contains("Open rejects.csv", json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_failed_upload_is_told_with_its_cause_and_keeps_exit_code_1()
    {
        using var webhook = new WebhookListener();
        _cli.Section("Notify")["WebhookUrl"] = webhook.Url.ToString();
        _cli.WithFolderUpload();
        _cli.Section("Folder")["DirectoryCapBytes"] = 10; // no zip fits: the upload stops after the export
        _cli.WriteFeed(new PatronFeed().Good(3));

        Assert.True(await _cli.RunAsync("run") == ExitCodes.Error, _cli.Transcript);
        var json = Assert.Single(webhook.Received).RootElement;
        Assert.Equal("UploadFailed", json.GetProperty("outcome").GetString());
        Assert.Equal(1, json.GetProperty("exit_code").GetInt32());
        Assert.Contains("Problem: ", json.GetProperty("text").GetString());
        Assert.Contains("run 'upload'", json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_run_that_fails_on_its_settings_is_told_too()
    {
        using var webhook = new WebhookListener();
        _cli.Section("Notify")["WebhookUrl"] = webhook.Url.ToString();
        _cli.Section("Source")["Path"] = "missing.csv";

        Assert.True(await _cli.RunAsync("run", "--dry-run") == ExitCodes.Error, _cli.Transcript);
        var json = Assert.Single(webhook.Received).RootElement;
        Assert.Equal("Failed", json.GetProperty("outcome").GetString());
        Assert.Contains("missing.csv", json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_mail_server_that_is_down_or_a_webhook_that_errs_is_logged_and_leaves_the_exit_code()
    {
        using var webhook = new WebhookListener { Status = HttpStatusCode.InternalServerError };
        MailTo(Loopback.FreePort(), "None");
        _cli.Section("Notify")["WebhookUrl"] = webhook.Url.ToString();
        _cli.Section("Notify")["When"] = "Always";
        _cli.WriteFeed(new PatronFeed().Good(3));

        var code = await _cli.RunAsync("run", "--dry-run");

        Assert.True(code == ExitCodes.Success, _cli.Transcript);
        Assert.Contains("warn The email notice could not be sent through 127.0.0.1:", _cli.Error);
        Assert.Contains("the run's result is unchanged", _cli.Error);
        Assert.Contains("warn The webhook notice to 127.0.0.1 could not be sent: the webhook answered 500", _cli.Error);
        Assert.Single(webhook.Received);
        Assert.DoesNotContain("secret-key", _cli.Error);
    }

    [Fact]
    public async Task StartTls_to_a_self_signed_server_works_only_when_its_certificate_is_trusted_explicitly()
    {
        using var smtp = new SmtpServer(startTls: true);
        MailTo(smtp.Port, "StartTls");
        _cli.Section("Notify")["When"] = "Always";
        _cli.WriteFeed(new PatronFeed().Good(2));

        Assert.True(await _cli.RunAsync("run", "--dry-run") == ExitCodes.Success, _cli.Transcript);
        Assert.Empty(smtp.Messages());
        Assert.Contains("The email notice could not be sent", _cli.Error);

        var trusted = Path.Combine(_cli.Root, "smtp-cert.pem");
        File.Copy(smtp.CertificatePath, trusted);
        Section("Smtp")["TrustedCertificate"] = "smtp-cert.pem";
        Assert.True(await _cli.RunAsync("run", "--dry-run", "--out", "second") == ExitCodes.Success, _cli.Transcript);
        Assert.Single(smtp.Messages());
        Assert.Contains("Notified 2 recipient(s) by email", _cli.Error);
    }

    [Fact]
    public async Task The_html_report_is_attached_when_configured()
    {
        using var smtp = new SmtpServer();
        MailTo(smtp.Port, "None");
        _cli.Section("Notify")["When"] = "Always";
        _cli.Section("Notify")["AttachReport"] = "true";
        _cli.WriteFeed(new PatronFeed().Good(2));

        Assert.True(await _cli.RunAsync("run", "--dry-run") == ExitCodes.Success, _cli.Transcript);
        var attachment = Assert.IsAssignableFrom<MimePart>(Assert.Single(Assert.Single(smtp.Messages()).Attachments));
        Assert.Equal("run-report.html", attachment.FileName);
        using var content = new MemoryStream();
        attachment.Content!.DecodeTo(content);
        Assert.Contains(RunName, System.Text.Encoding.UTF8.GetString(content.ToArray()));
    }

    [Fact]
    public async Task Notify_settings_that_cannot_work_are_logged_before_the_export_and_do_not_stop_it()
    {
        _cli.Section("Notify")["When"] = "Sometimes";
        Section("Smtp")["Host"] = "127.0.0.1";
        _cli.WriteFeed(new PatronFeed().Good(2));

        Assert.True(await _cli.RunAsync("run", "--dry-run") == ExitCodes.Success, _cli.Transcript);
        Assert.Contains("fail Notifications: Notify:When is 'Sometimes'; give one of Problems, Always, Never.", _cli.Error);
        Assert.Contains("fail Notifications: Notify:From is missing", _cli.Error);
    }

    private void MailTo(int port, string security)
    {
        var smtp = Section("Smtp");
        smtp["Host"] = "127.0.0.1";
        smtp["Port"] = port;
        smtp["Security"] = security;
        _cli.Section("Notify")["From"] = "alma-feed@college.example";
        _cli.Section("Notify")["To"] = "it-ops@college.example, library@college.example";
    }

    private Dictionary<string, object> Section(string name)
    {
        var notify = _cli.Section("Notify");
        if (!notify.TryGetValue(name, out var section))
            notify[name] = section = new Dictionary<string, object>();
        return (Dictionary<string, object>)section;
    }
}
