using AlmaIntegrationKit.Transfer;
using Microsoft.Extensions.Logging;

namespace AlmaIntegrationKit.Cli;

/// <summary>The transfer options and service from the <c>Upload</c>, <c>Sftp</c> and <c>Folder</c> settings, paths relative to the current folder.</summary>
internal static class TransferSetup
{
    public static TransferOptions Options(CliContext context)
    {
        var options = TransferOptions.FromConfiguration(context.Configuration);
        if (options.Folder.Path is { } folder)
            options.Folder.Path = context.FullPath(folder);
        if (options.Sftp.PrivateKeyPath is { } key)
            options.Sftp.PrivateKeyPath = context.FullPath(key);
        return options;
    }

    /// <summary>The service; a <see cref="CliException"/> listing every setting to fix when the options do not validate.</summary>
    public static TransferService Service(CliContext context)
    {
        var options = Options(context);
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new CliException(errors);
        try
        {
            return new TransferService(options, context.LoggerFactory.CreateLogger<TransferService>());
        }
        catch (TransferException exception)
        {
            throw new CliException(exception.ConfigurationErrors.Count > 0 ? exception.ConfigurationErrors : [exception.Failure.ToString()]);
        }
    }
}
