using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using FlowForge.Abstractions.Domain;
using FlowForge.Server.Contracts;
using FlowForge.Server.Tests.Infrastructure;

namespace FlowForge.Server.Tests.Hosting;

public sealed class DemoModeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_server_process_started_with_demo_lists_pipelines_of_all_four_providers_with_their_latest_runs()
    {
        var serverDll = Path.Combine(AppContext.BaseDirectory, "flowforge-server.dll");
        Assert.True(File.Exists(serverDll), $"{serverDll} is missing");
        var port = FreePort();
        var dataDirectory = TempDirectory.Create();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { serverDll, "--demo", "--urls", $"http://127.0.0.1:{port}" },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["FLOWFORGE_DATA_DIR"] = dataDirectory, ["ASPNETCORE_ENVIRONMENT"] = "Production" },
        };
        var output = new StringBuilder();
        using var server = Process.Start(start)!;
        server.OutputDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        server.ErrorDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var listed = await DemoPipelines.WaitForAllAsync(client, Deadline);

            Assert.True(listed is not null, $"No demo pipelines with latest runs within {Deadline.TotalSeconds} s. Server output:\n{output}");
            Assert.Equal(
                DemoPipelines.Instances,
                listed.Items.Select(pipeline => DemoPipelines.InstanceOf(pipeline.Key)).Distinct().Order(StringComparer.Ordinal));
            Assert.All(listed.Items, pipeline =>
            {
                var run = pipeline.LatestRun!;
                Assert.NotEqual(RunStatus.Unknown, run.Status);
                if (run.Status == RunStatus.Queued && run.Commit is null)
                {
                    return; // A Jenkins build still in the queue has not checked anything out yet.
                }

                Assert.False(string.IsNullOrEmpty(run.Branch));

                Assert.Matches("^[0-9a-f]{40}$", run.Commit!.Sha);
                Assert.False(string.IsNullOrEmpty(run.Commit.Message));
                Assert.False(string.IsNullOrEmpty(run.Commit.AuthorName));
            });
            Assert.True(File.Exists(Path.Combine(dataDirectory, "demo", "flowforge.db")));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Demo_activity_keeps_producing_new_runs()
    {
        await using var app = new FlowForgeApp(settings: new Dictionary<string, string?>
        {
            ["FlowForge:Demo:Enabled"] = "true",
            ["FlowForge:Sync:SchedulerEnabled"] = "true",
        });
        var api = new ApiClient(app.CreateClient());
        var first = await DemoPipelines.WaitForAllAsync(api.Client, Deadline);
        Assert.NotNull(first);
        var latest = first.Items.Max(pipeline => pipeline.LatestRun!.CreatedAt);

        var clock = Stopwatch.StartNew();
        var newer = false;
        while (!newer && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(500, Cancel);
            newer = (await api.PipelinesAsync()).Items.Any(pipeline => pipeline.LatestRun!.CreatedAt > latest);
        }

        Assert.True(newer, "The demo produced no new run within a minute.");
    }

    [Fact]
    public async Task A_demo_restart_forgets_what_the_earlier_emulators_made_but_keeps_api_keys()
    {
        // The emulators restart from scratch with the same ids, so runs kept from an earlier demo would be wrong.
        var demo = new Dictionary<string, string?> { ["FlowForge:Demo:Enabled"] = "true" };
        string dataDirectory;
        await using (var first = new FlowForgeApp(settings: demo))
        {
            dataDirectory = first.DataDirectory;
            var api = new ApiClient(first.CreateClient());
            using var created = await api.Client.PostAsJsonAsync("/api/v1/keys", new { name = "from the first demo", role = "viewer" }, Cancel);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            await api.SyncAsync("demo-gitlab");
            Assert.NotEmpty((await api.PipelinesAsync("?instance=demo-gitlab")).Items);
        }

        await using var second = new FlowForgeApp(dataDirectory, demo);
        var again = new ApiClient(second.CreateClient());

        Assert.Empty((await again.PipelinesAsync("?instance=demo-gitlab")).Items);
        Assert.Equal("from the first demo", Assert.Single(await again.GetAsync<List<KeyResponse>>("/api/v1/keys")).Name);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
