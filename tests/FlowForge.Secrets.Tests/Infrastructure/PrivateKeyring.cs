using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using FlowForge.Secrets.Keyring.SecretService;

namespace FlowForge.Secrets.Tests.Infrastructure;

/// <summary>
/// A real Secret Service for tests: a private D-Bus session bus (its own config: no service activation, so nothing
/// else starts on it) and an unlocked gnome-keyring daemon with its keyrings in a temporary folder. The tests pass its
/// address explicitly; the process environment is never changed, so parallel tests are unaffected.
/// </summary>
/// <remarks>
/// Each daemon runs under a small shell watchdog that holds the write end of a pipe from this process: when the test
/// process ends in any way, even killed, the pipe closes and the watchdog kills its daemon, so no daemon outlives a run.
/// </remarks>
[UnsupportedOSPlatform("windows")]
public sealed class PrivateKeyring : IAsyncDisposable
{
    public const string KeyringPassword = "keyring-password-not-real";
    private const string Packages = "Install the Debian packages: apt-get install -y dbus gnome-keyring libsecret-tools (.ci/run does this).";
    /// <summary>
    /// Runs the daemon ("$@") with the first line of standard input as its input, kills it when the rest of standard input
    /// ends, and ends with it.
    /// </summary>
    private const string Watchdog = """
        exec 3<&0
        IFS= read -r input
        printf '%s' "$input" | "$@" 3<&- &
        daemon=$!
        { cat <&3 >/dev/null; kill "$daemon" 2>/dev/null; } &
        watcher=$!
        wait "$daemon"
        kill "$watcher" 2>/dev/null
        """;

    private readonly string _directory;
    private readonly List<Process> _processes = [];
    private readonly StringBuilder _errors = new();
    private Process? _keyringDaemon;

    private PrivateKeyring(string directory) => _directory = directory;

    /// <summary>The bus address to give FlowForge (<c>FlowForge:Secrets:KeyringBusAddress</c>) and <c>secret-tool</c>.</summary>
    public string Address { get; private set; } = string.Empty;

    /// <summary>Starts a bus and, unless told not to, a keyring on it.</summary>
    /// <param name="withKeyring">False gives a session bus where no Secret Service answers.</param>
    public static async Task<PrivateKeyring> StartAsync(bool withKeyring = true)
    {
        foreach (var tool in new[] { "dbus-daemon", "gnome-keyring-daemon", "secret-tool" })
        {
            Assert.True(Which(tool) is not null, $"'{tool}' is not installed, so the Secret Service tests cannot run. {Packages}");
        }

        var directory = Path.Combine(Path.GetTempPath(), "ff-keyring-" + Guid.NewGuid().ToString("N")[..12]);
        var keyring = new PrivateKeyring(directory);
        try
        {
            await keyring.StartBusAsync();
            if (withKeyring)
            {
                await keyring.StartKeyringAsync();
            }

            return keyring;
        }
        catch
        {
            await keyring.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <c>secret-tool</c> against this keyring; the secret for <c>store</c> goes on standard input.</summary>
    public async Task<(int ExitCode, string Output, string Error)> SecretToolAsync(string? input, params string[] arguments)
    {
        var start = Start("secret-tool", arguments);
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, await output, await error);
    }

    /// <summary>What <c>secret-tool lookup application flowforge flowforge-key KEY</c> prints; null when it finds nothing.</summary>
    public async Task<string?> LookupAsync(string key)
    {
        var (exit, output, _) = await SecretToolAsync(null, "lookup", "application", "flowforge", "flowforge-key", key);
        return exit == 0 && output.Length > 0 ? output : null;
    }

    public SecretServiceKeyring CreateBackend(bool plainOnly = false, TimeSpan? promptTimeout = null) =>
        new(Address, new SecretServiceSettings(TimeSpan.FromSeconds(10), promptTimeout ?? TimeSpan.FromSeconds(10), plainOnly));

    /// <summary>Stops the keyring daemon, as when it crashes or the session ends; the bus stays.</summary>
    public Task StopKeyringAsync() => _keyringDaemon is null ? Task.CompletedTask : StopAsync(_keyringDaemon);

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await StopAsync(process);
            process.Dispose();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A daemon may still be removing its socket; the temp folder is cleaned eventually.
        }
    }

    /// <summary>Ends the watchdog's input, which kills its daemon; kills both outright if that does not end them.</summary>
    private static async Task StopAsync(Process watchdog)
    {
        try
        {
            if (watchdog.HasExited)
            {
                return;
            }

            watchdog.StandardInput.Close();
            try
            {
                await watchdog.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                watchdog.Kill(entireProcessTree: true);
                await watchdog.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private async Task StartBusAsync()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "data"));
        Directory.CreateDirectory(Path.Combine(_directory, "runtime"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var config = Path.Combine(_directory, "bus.conf");
        await File.WriteAllTextAsync(config, $"""
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>session</type>
              <listen>unix:path={Path.Combine(_directory, "bus")}</listen>
              <auth>EXTERNAL</auth>
              <policy context="default">
                <allow send_destination="*" eavesdrop="true"/>
                <allow eavesdrop="true"/>
                <allow own="*"/>
              </policy>
            </busconfig>
            """);
        var bus = StartDaemon("dbus-daemon", ["--config-file=" + config, "--nofork", "--print-address=1"], input: string.Empty, withBus: false);
        var address = await bus.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15));
        Address = string.IsNullOrWhiteSpace(address)
            ? throw new InvalidOperationException($"dbus-daemon printed no address: {Errors}")
            : address.Trim();
    }

    private async Task StartKeyringAsync()
    {
        // --unlock reads the password of the new login keyring from standard input, up to its end.
        var daemon = _keyringDaemon = StartDaemon("gnome-keyring-daemon", ["--foreground", "--unlock", "--components=secrets"], KeyringPassword);

        // The daemon takes its bus name a moment after it starts; the limit only stops a broken set-up from hanging.
        await using var probe = CreateBackend();
        var waited = Stopwatch.StartNew();
        while (!(await probe.CheckAsync(CancellationToken.None)).IsAvailable)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "gnome-keyring-daemon did not answer on the private bus within 20 s.");
            if (daemon.HasExited)
            {
                Assert.Fail($"gnome-keyring-daemon exited: {Errors}");
            }

            await Task.Delay(100);
        }
    }

    /// <param name="input">One line for the daemon's standard input (its end follows).</param>
    private Process StartDaemon(string program, IEnumerable<string> arguments, string input, bool withBus = true)
    {
        var watchdog = Process.Start(Start("/bin/sh", ["-c", Watchdog, "watchdog", program, .. arguments], withBus))!;
        _processes.Add(watchdog);

        // Read, so a chatty daemon never blocks on a full pipe; kept for the failure messages.
        watchdog.ErrorDataReceived += (_, line) =>
        {
            lock (_errors)
            {
                _errors.AppendLine($"{program}: {line.Data}");
            }
        };
        watchdog.BeginErrorReadLine();
        watchdog.StandardInput.WriteLine(input);
        watchdog.StandardInput.Flush();
        return watchdog;
    }

    private string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    private ProcessStartInfo Start(string program, IEnumerable<string> arguments, bool withBus = true)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["XDG_DATA_HOME"] = Path.Combine(_directory, "data");
        start.Environment["XDG_RUNTIME_DIR"] = Path.Combine(_directory, "runtime");
        start.Environment["HOME"] = _directory;
        start.Environment.Remove("DISPLAY");
        start.Environment.Remove("WAYLAND_DISPLAY");
        if (withBus)
        {
            start.Environment[SecretServiceKeyring.SessionBusVariable] = Address;
        }
        else
        {
            start.Environment.Remove(SecretServiceKeyring.SessionBusVariable);
        }

        return start;
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':')
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
