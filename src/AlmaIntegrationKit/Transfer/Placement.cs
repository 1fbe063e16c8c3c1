using Microsoft.Extensions.Logging;

namespace AlmaIntegrationKit.Transfer;

/// <summary>
/// The atomic placement of a set of zips into one dropbox: clean up, check, upload as <c>.part</c>, verify the size,
/// rename. Every attempt starts from what is on the server, so an attempt after a broken one (or a whole rerun)
/// finishes the work without sending anything twice.
/// </summary>
internal sealed class Placement
{
    private readonly IDropbox _box;
    private readonly DropboxRules _rules;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, PlacedFile> _placed = new(StringComparer.Ordinal);
    private readonly List<RemovedFile> _removed = [];
    private readonly List<string> _warnings = [];
    private CapCheck? _cap;
    private string _doing = "connecting";

    public Placement(IDropbox box, DropboxRules rules, ILogger log, TimeProvider time)
    {
        _box = box;
        _rules = rules;
        _log = log;
        _time = time;
    }

    /// <summary>
    /// A test seam: run with the <c>.part</c>'s remote path once its size has been checked and before it is renamed,
    /// in this asynchronous flow only. Fault-injection tests break the connection there; null otherwise.
    /// </summary>
    internal static readonly AsyncLocal<Action<string>?> BetweenUploadAndRename = new();

    private sealed record LocalZip(string Path, string Name, long Size);

    public async Task<UploadResult> RunAsync(
        IReadOnlyList<string> localPaths, int maxAttempts, TimeSpan firstDelay, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        var (locals, localFailure) = CheckLocal(localPaths);
        if (localFailure is not null)
        {
            return Result(localFailure, attempts: 0, locals: []);
        }

        TransferFailure? failure = null;
        var attempt = 0;
        while (true)
        {
            attempt++;
            try
            {
                ct.ThrowIfCancellationRequested();
                await Task.Run(() => Attempt(locals, progress, ct), ct).ConfigureAwait(false);
                failure = null;
                break;
            }
            catch (Exception ex)
            {
                var (f, transient) = _box.Classify(ex, _doing);
                if (ct.IsCancellationRequested)
                {
                    (f, transient) = (new TransferFailure(TransferFailureKind.Cancelled, $"Cancelled while {_doing}; files not yet renamed were not seen by Alma.", ""), false);
                }

                failure = f;
                if (!transient || attempt >= maxAttempts || ct.IsCancellationRequested)
                {
                    if (transient && attempt > 1)
                    {
                        failure = f with { Message = $"{f.Message} (gave up after {attempt} attempts)" };
                    }

                    _log.LogError(ex, "Upload to {Destination} failed: {Message}", _box.Destination, failure.Message);
                    break;
                }

                var delay = TimeSpan.FromTicks(firstDelay.Ticks * (1L << Math.Min(attempt - 1, 16)));
                _log.LogWarning("Attempt {Attempt} of {MaxAttempts} to {Destination} failed: {Message}. Trying again in {Delay}.",
                    attempt, maxAttempts, _box.Destination, f.Message, delay);
                try
                {
                    await Task.Delay(delay, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    failure = new TransferFailure(TransferFailureKind.Cancelled, "Cancelled while waiting to retry.", "");
                    break;
                }
            }
            finally
            {
                _box.Disconnect();
            }
        }

        return Result(failure, attempt, locals);
    }

    private UploadResult Result(TransferFailure? failure, int attempts, IReadOnlyList<LocalZip> locals) => new()
    {
        Destination = _box.Destination,
        Placed = locals.Where(l => _placed.ContainsKey(l.Name)).Select(l => _placed[l.Name]).ToList(),
        Removed = [.. _removed],
        Warnings = [.. _warnings],
        Cap = _cap,
        Failure = failure,
        Attempts = attempts,
    };

    private static (IReadOnlyList<LocalZip>, TransferFailure?) CheckLocal(IReadOnlyList<string> paths)
    {
        var list = new List<LocalZip>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return ([], new TransferFailure(TransferFailureKind.LocalFile, $"The file to upload '{path}' does not exist; nothing was uploaded.",
                    "Check the outbox path; run the export first if the zip was never made."));
            }

            if (!DropboxRules.IsZip(info.Name))
            {
                return ([], new TransferFailure(TransferFailureKind.LocalFile, $"'{path}' is not a .zip file; nothing was uploaded.",
                    "Alma's SIS job reads zip archives: upload the packaged zips from the outbox."));
            }

            if (!names.Add(info.Name))
            {
                return ([], new TransferFailure(TransferFailureKind.LocalFile, $"Two files to upload are both named '{info.Name}'; nothing was uploaded.",
                    "Zips for one remote directory need distinct names."));
            }

            list.Add(new LocalZip(info.FullName, info.Name, info.Length));
        }

        return (list, null);
    }

    private void Attempt(IReadOnlyList<LocalZip> locals, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        _doing = "connecting";
        _box.Connect();

        _doing = "looking at the remote directory";
        if (!_box.DirectoryExists(_box.Directory))
        {
            throw new TransferException(new TransferFailure(TransferFailureKind.DirectoryNotFound,
                $"The remote directory '{_box.Directory}' does not exist at {_box.Destination}; nothing was uploaded.",
                "Check Sftp:RemoteDirectory (Ex Libris Secure FTP: your institution's production or sandbox directory) or Folder:Path."));
        }

        var currentNames = locals.Select(l => l.Name).ToHashSet(StringComparer.Ordinal);
        var entries = Files();

        // 1. Stale partial uploads of this college (or of the files being placed now): never seen by Alma, safe to remove.
        _doing = "removing stale partial uploads";
        foreach (var e in entries.Where(e => DropboxRules.IsPart(e.Name)
                     && (_rules.IsOwn(e.Name) || currentNames.Contains(e.Name[..^DropboxRules.PartSuffix.Length]))))
        {
            _box.Delete(e.Path);
            _removed.Add(new RemovedFile(e.Path, e.Size, ToUtc(e.LastWriteUtc), RemovalReason.StalePart));
            _log.LogInformation("Removed stale partial upload {Path} ({Size} bytes)", e.Path, e.Size);
        }

        // 2. Opt-in pruning, of this college's own files only.
        var now = _time.GetUtcNow();
        _doing = "pruning old files";
        foreach (var e in Files())
        {
            if (!_rules.IsOwn(e.Name) || currentNames.Contains(e.Name) || DropboxRules.IsPart(e.Name))
            {
                continue;
            }

            var handled = _rules.IsHandled(e.Name);
            var isHandledCopyOfCurrent = handled && currentNames.Contains(e.Name[..^_rules.HandledSuffix.Length]);
            RemovalReason? reason = null;
            if (_rules.PruneHandled && handled && !isHandledCopyOfCurrent)
            {
                reason = RemovalReason.Handled;
            }
            else if (_rules.PruneExpired && _rules.RetentionDays is { } days && ToUtc(e.LastWriteUtc) < now.AddDays(-days) && !isHandledCopyOfCurrent
                     && (DropboxRules.IsZip(e.Name) || handled))
            {
                reason = RemovalReason.Expired;
            }

            if (reason is { } r)
            {
                _box.Delete(e.Path);
                _removed.Add(new RemovedFile(e.Path, e.Size, ToUtc(e.LastWriteUtc), r));
                _log.LogInformation("Pruned {Path} ({Reason})", e.Path, r);
            }
        }

        // 3. What is already there.
        _doing = "comparing with the remote directory";
        entries = Files();
        var byName = entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
        var toUpload = new List<LocalZip>();
        foreach (var l in locals)
        {
            if (_placed.ContainsKey(l.Name))
            {
                continue;
            }

            if (byName.TryGetValue(l.Name, out var same))
            {
                if (same.Size != l.Size)
                {
                    throw new TransferException(new TransferFailure(TransferFailureKind.NameConflict,
                        $"'{same.Path}' is already on the server with {ByteSize.Format(same.Size)}, but the local '{l.Path}' has {ByteSize.Format(l.Size)}; nothing was uploaded, and the remote file was left alone because Alma may be reading it.",
                        "If the remote file is from a wrong run, remove it (or wait for Alma to handle it) and run the upload again; otherwise give the new package another name."));
                }

                _placed[l.Name] = new PlacedFile(l.Path, same.Path, same.Size, ToUtc(same.LastWriteUtc), PlacementOutcome.AlreadyPresent);
                _log.LogInformation("{Path} is already on the server with the same size; not uploaded again", same.Path);
            }
            else if (byName.TryGetValue(l.Name + _rules.HandledSuffix, out var handled) && handled.Size == l.Size)
            {
                _placed[l.Name] = new PlacedFile(l.Path, handled.Path, handled.Size, ToUtc(handled.LastWriteUtc), PlacementOutcome.AlreadyHandled);
                _log.LogInformation("{Path} shows Alma already loaded {Name}; not uploaded again", handled.Path, l.Name);
            }
            else
            {
                toUpload.Add(l);
            }
        }

        // 4. Zips from earlier runs that Alma has not picked up.
        var waiting = DropboxRules.Waiting(entries).Where(e => !currentNames.Contains(e.Name)).ToList();
        if (waiting.Count > 0)
        {
            var warning = $"{waiting.Count} zip(s) from an earlier run are still waiting in {_box.Directory}, not yet picked up by Alma: " +
                          string.Join(", ", waiting.Select(DropboxRules.Describe)) +
                          ". Check that the SIS integration profile's job is scheduled and ran (Alma: Monitor Jobs).";
            if (!_warnings.Contains(warning))
            {
                _warnings.Add(warning);
                _log.LogWarning("{Warning}", warning);
            }
        }

        // 5. Room under the cap, before anything is sent.
        _doing = "measuring the directory";
        var (scope, used) = DropboxRules.MeasureCapScope(_box, out var note);
        if (note is not null && !_warnings.Contains(note))
        {
            _warnings.Add(note);
        }

        _cap = new CapCheck(scope, used, toUpload.Sum(l => l.Size), _rules.CapBytes);
        if (!_cap.Fits)
        {
            throw new TransferException(new TransferFailure(TransferFailureKind.CapExceeded,
                $"Uploading {toUpload.Count} file(s) would take {_cap.ScopePath} over its cap by {ByteSize.Format(_cap.OverByBytes)} " +
                $"({ByteSize.Format(used)} already there + {ByteSize.Format(_cap.IncomingBytes)} new > {ByteSize.Format(_cap.CapBytes!.Value)}); nothing was uploaded.",
                "Remove files Alma has handled (or turn on Upload:PruneHandled / Upload:PruneExpired), or raise Sftp:DirectoryCapBytes if your contract allows more."));
        }

        // 6. Upload each as .part, check its size, rename. Cancellation breaks the connection, so an upload in flight stops.
        using var abort = ct.Register(_box.Abort);
        foreach (var l in toUpload)
        {
            ct.ThrowIfCancellationRequested();
            var final = RemotePath.Combine(_box.Directory, l.Name);
            var part = final + DropboxRules.PartSuffix;
            try
            {
                _doing = $"uploading {l.Name}";
                _log.LogInformation("Uploading {Local} to {Part} ({Size} bytes)", l.Path, part, l.Size);
                using (var source = new FileStream(l.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
                {
                    ct.ThrowIfCancellationRequested();
                    progress?.Report(new TransferProgress(l.Name, 0, l.Size));
                    _box.Upload(source, part, sent => progress?.Report(new TransferProgress(l.Name, sent, l.Size)));
                }

                _doing = $"checking the size of {l.Name}{DropboxRules.PartSuffix}";
                var remoteSize = _box.SizeOf(part);
                if (remoteSize != l.Size)
                {
                    throw new TransferException(new TransferFailure(TransferFailureKind.SizeMismatch,
                        $"After uploading, '{part}' has {(remoteSize is { } s ? ByteSize.Format(s) : "no size")} but '{l.Path}' has {ByteSize.Format(l.Size)}; it was not renamed, so Alma did not see it.",
                        "Check the server has room (disk, quota) and the local file was not being written during the upload."))
                    { Transient = true };
                }

                BetweenUploadAndRename.Value?.Invoke(part);
                _doing = $"renaming {l.Name}{DropboxRules.PartSuffix} to {l.Name}";
                _box.Rename(part, final);
                _placed[l.Name] = new PlacedFile(l.Path, final, l.Size, _time.GetUtcNow(), PlacementOutcome.Uploaded);
                _log.LogInformation("Placed {Remote} ({Size} bytes)", final, l.Size);
            }
            catch
            {
                TryDelete(part);
                throw;
            }
        }

        List<RemoteEntry> Files() => _box.List(_box.Directory).Where(e => !e.IsDirectory).ToList();
    }

    private void TryDelete(string path)
    {
        try
        {
            _box.Delete(path);
        }
        catch (Exception ex)
        {
            _log.LogWarning("Could not remove {Path} after a failed upload ({Message}); the next run removes it.", path, ex.Message);
        }
    }

    private static DateTimeOffset ToUtc(DateTime t) =>
        new(t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime());
}
