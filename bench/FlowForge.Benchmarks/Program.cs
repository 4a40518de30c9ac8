using System.Globalization;
using FlowForge.Benchmarks;
using FlowForge.Emulators.GitHub;

// Child mode: the static-file baseline server.
if (args is ["static", var directory, var portText])
{
    await StaticFileServer.RunAsync(directory, int.Parse(portText, CultureInfo.InvariantCulture));
    return 0;
}

var options = BenchmarkOptions.Parse(args);
var work = Directory.CreateTempSubdirectory("flowforge-bench-");
Console.WriteLine($"Seeding {options.Pipelines} pipelines in the GitHub emulator...");
const string token = "bench-token-not-real";
await using var emulator = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions
{
    Tokens = new Dictionary<string, string> { [token] = "octocat" },
    RateLimitPerHour = 1_000_000,
});
BenchmarkWorld.Seed(emulator, options.Pipelines);

var serverPort = ChildProcess.FreePort();
var serverDll = Path.Combine(AppContext.BaseDirectory, "flowforge-server.dll");
await using var server = await ChildProcess.StartAsync(
    serverDll,
    ["--urls", $"http://127.0.0.1:{serverPort}"],
    new Dictionary<string, string>
    {
        ["FLOWFORGE_DATA_DIR"] = Path.Combine(work.FullName, "data"),
        ["FlowForge__Sync__SchedulerEnabled"] = "false",
        ["Logging__LogLevel__Default"] = "Warning",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
    },
    serverPort);

using var api = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromMinutes(5) };
(await api.PostAsJsonAsync("/api/v1/instances", new
{
    id = "bench",
    kind = "github",
    settings = new Dictionary<string, string> { ["baseUrl"] = emulator.ApiBaseUrl.ToString(), ["token"] = token },
})).EnsureSuccessStatusCode();
(await api.PostAsync("/api/v1/instances/bench/sync", null)).EnsureSuccessStatusCode();

var listPath = $"/api/v1/pipelines?limit={options.Pipelines}";
var bytes = await api.GetByteArrayAsync(listPath);
var listed = System.Text.Json.JsonDocument.Parse(bytes).RootElement.GetProperty("items").GetArrayLength();
if (listed != options.Pipelines)
{
    Console.Error.WriteLine($"The API listed {listed} pipelines, expected {options.Pipelines}.");
    return 1;
}

var staticDirectory = Directory.CreateDirectory(Path.Combine(work.FullName, "static"));
await File.WriteAllBytesAsync(Path.Combine(staticDirectory.FullName, "pipelines.json"), bytes);
var staticPort = ChildProcess.FreePort();
await using var baseline = await ChildProcess.StartAsync(
    Path.Combine(AppContext.BaseDirectory, "FlowForge.Benchmarks.dll"),
    ["static", staticDirectory.FullName, staticPort.ToString(CultureInfo.InvariantCulture)],
    new Dictionary<string, string>(),
    staticPort);

Console.WriteLine($"Body: {bytes.Length:N0} bytes. {options.Clients} clients, {options.Rounds} rounds of {options.Duration.TotalSeconds:0} s each, alternating.");
var staticResults = new List<LoadResult>();
var apiResults = new List<LoadResult>();
var coldResults = new List<LoadResult>();
var staticUrl = new Uri(baseline.BaseUrl, "pipelines.json");
var apiUrl = new Uri(server.BaseUrl, listPath);
for (var round = 1; round <= options.Rounds; round++)
{
    staticResults.Add(await LoadGenerator.RunAsync(_ => staticUrl, options.Clients, options.WarmUp, options.Duration, bytes.Length));
    apiResults.Add(await LoadGenerator.RunAsync(_ => apiUrl, options.Clients, options.WarmUp, options.Duration, bytes.Length));

    // A query parameter the API ignores, different on every request: no answer is ever reused, so each one
    // filters the read model and serializes 1,000 pipelines, as right after every store change.
    coldResults.Add(await LoadGenerator.RunAsync(n => new Uri($"{apiUrl}&bench={n}"), options.Clients, options.WarmUp, options.Duration, bytes.Length));
    Console.WriteLine($"  round {round}: static {staticResults[^1].RequestsPerSecond:N0} req/s, API {apiResults[^1].RequestsPerSecond:N0} req/s, API uncached {coldResults[^1].RequestsPerSecond:N0} req/s");
}

var report = BenchmarkReport.Render(options, bytes.Length, staticResults, apiResults, coldResults);
Console.WriteLine(report);
if (options.Output is { } output)
{
    await File.WriteAllTextAsync(output, report);
    Console.WriteLine($"Written to {output}");
}

work.Delete(recursive: true);
return 0;
