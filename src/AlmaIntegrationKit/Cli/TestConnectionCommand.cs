using AlmaIntegrationKit.AlmaApi;
using AlmaIntegrationKit.Transfer;

namespace AlmaIntegrationKit.Cli;

/// <summary><c>test-connection [--print-host-key]</c>: the connection checks, or the server's host key for first setup.</summary>
internal static class TestConnectionCommand
{
    public static async Task<int> ExecuteAsync(CliContext context, bool printHostKey, CancellationToken cancellationToken,
        Func<CliContext, CancellationToken, Task<int>>? almaCodeCheck = null)
    {
        if (printHostKey)
        {
            var options = TransferSetup.Options(context);
            if (options.Upload.Kind == UploadKind.Folder)
                throw new CliException("Upload:Kind is Folder, which has no host key; --print-host-key is for Sftp and ExLibrisSecureFtp.");
            HostKeyInfo key;
            try
            {
                key = await ProgressDisplay.StatusAsync(context, $"Asking {options.Sftp.Host} for its host key…",
                    () => TransferService.FetchHostKeyAsync(options, cancellationToken)).ConfigureAwait(false);
            }
            catch (TransferException exception)
            {
                throw new CliException(exception.ConfigurationErrors.Count > 0 ? exception.ConfigurationErrors : [exception.Failure.ToString()]);
            }

            context.Out.Write(key.Render());
            return ExitCodes.Success;
        }

        var service = TransferSetup.Service(context);
        var result = await ProgressDisplay.StatusAsync(context, "Testing the connection…", () => service.TestConnectionAsync(cancellationToken))
            .ConfigureAwait(false);
        context.Out.Write(result.Render());
        // With an API key configured, the codes too: the other half of "will tonight's load go through".
        var codes = almaCodeCheck is not null && AlmaApiSettings.IsConfigured(context.Configuration)
            ? await almaCodeCheck(context, cancellationToken).ConfigureAwait(false)
            : ExitCodes.Success;
        return result.Succeeded && codes == ExitCodes.Success ? ExitCodes.Success : ExitCodes.Error;
    }
}
