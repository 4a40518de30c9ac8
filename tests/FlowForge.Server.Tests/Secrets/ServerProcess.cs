using System.Diagnostics;

namespace FlowForge.Server.Tests.Secrets;

/// <summary>The server as its own process, as people start it, for what it says when it refuses to start.</summary>
internal static class ServerProcess
{
    /// <summary>Runs the server until it exits by itself; one that keeps running is killed and fails the test.</summary>
    /// <param name="environment">Variables to set; a null value removes one inherited from the test process.</param>
    public static async Task<(int ExitCode, string Output, string Error)> RunUntilExitAsync(IReadOnlyDictionary<string, string?> environment)
    {
        var serverDll = Path.Combine(AppContext.BaseDirectory, "flowforge-server.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { serverDll, "--urls", "http://127.0.0.1:0" },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var server = Process.Start(start)!;
        var output = server.StandardOutput.ReadToEndAsync();
        var error = server.StandardError.ReadToEndAsync();
        try
        {
            // Not a timing assertion: a server that did not refuse would run forever.
            await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"The server did not refuse to start; it kept running.\n{await output}\n{await error}");
        }

        return (server.ExitCode, await output, await error);
    }
}
