using System.Runtime.InteropServices;

namespace FlowForge.Secrets.Vault;

/// <summary>
/// Replaces the vault file atomically: the new content goes to <c>secrets.vault.tmp</c> (created 0600), is flushed
/// to disk, renamed over the old file, and the directory is flushed too. A crash at any point leaves either the old
/// vault or the new one, never a mix; a stale <c>.tmp</c> is ignored and overwritten by the next write.
/// </summary>
internal static partial class VaultFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static string TemporaryPathOf(string path) => path + ".tmp";

    public static byte[]? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <param name="beforeRename">Runs between the flushed temporary file and the rename; tests throw there to simulate a crash.</param>
    public static void Write(string path, ReadOnlySpan<byte> content, Action<string>? beforeRename = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = TemporaryPathOf(path);

        // A leftover from a crash may have any mode; the create mode applies only to a new file.
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        beforeRename?.Invoke(temporary);
        File.Move(temporary, path, overwrite: true);
        FlushDirectory(directory);
    }

    /// <summary>Makes the rename itself durable; only POSIX systems can open a directory to flush it.</summary>
    private static void FlushDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var descriptor = Open(directory, 0);
        if (descriptor >= 0)
        {
            _ = Fsync(descriptor);
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}
