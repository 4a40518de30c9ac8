using System.Globalization;
using System.Text;

namespace FlowForge.Benchmarks;

/// <summary>The pipelines list through the API against Kestrel serving the same bytes as a static file.</summary>
internal static class ReadPathBenchmark
{
    public static async Task<string> RunAsync(BenchmarkOptions options)
    {
        Console.WriteLine($"Read path: seeding {options.Pipelines} pipelines...");
        await using var flowForge = await FlowForgeUnderTest.StartAsync(emulator => BenchmarkWorld.Seed(emulator, options.Pipelines));
        var listPath = $"/api/v1/pipelines?limit={options.Pipelines}";
        var bytes = await flowForge.Api.GetByteArrayAsync(listPath);
        var listed = System.Text.Json.JsonDocument.Parse(bytes).RootElement.GetProperty("items").GetArrayLength();
        if (listed != options.Pipelines)
        {
            throw new InvalidOperationException($"The API listed {listed} pipelines, expected {options.Pipelines}.");
        }

        var staticDirectory = Directory.CreateTempSubdirectory("flowforge-bench-static-");
        await File.WriteAllBytesAsync(Path.Combine(staticDirectory.FullName, "pipelines.json"), bytes);
        var staticPort = ChildProcess.FreePort();
        await using var baseline = await ChildProcess.StartAsync(
            Path.Combine(AppContext.BaseDirectory, "FlowForge.Benchmarks.dll"),
            ["static", staticDirectory.FullName, staticPort.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string>(),
            staticPort);

        Console.WriteLine($"  body {bytes.Length:N0} bytes, {options.Clients} clients, {options.Rounds} rounds of {options.Duration.TotalSeconds:0} s");
        var staticResults = new List<LoadResult>();
        var apiResults = new List<LoadResult>();
        var coldResults = new List<LoadResult>();
        var staticUrl = new Uri(baseline.BaseUrl, "pipelines.json");
        var apiUrl = new Uri(flowForge.Server.BaseUrl, listPath);
        for (var round = 1; round <= options.Rounds; round++)
        {
            staticResults.Add(await LoadGenerator.RunAsync(_ => staticUrl, options.Clients, options.WarmUp, options.Duration, bytes.Length));
            apiResults.Add(await LoadGenerator.RunAsync(_ => apiUrl, options.Clients, options.WarmUp, options.Duration, bytes.Length));

            // A query parameter the API ignores, different on every request: no answer is ever reused, so each one
            // filters the read model and serializes 1,000 pipelines, as right after every store change.
            coldResults.Add(await LoadGenerator.RunAsync(n => new Uri($"{apiUrl}&bench={n}"), options.Clients, options.WarmUp, options.Duration, bytes.Length));
            Console.WriteLine($"  round {round}: static {staticResults[^1].RequestsPerSecond:N0} req/s, API {apiResults[^1].RequestsPerSecond:N0}, uncached {coldResults[^1].RequestsPerSecond:N0}");
        }

        staticDirectory.Delete(recursive: true);
        return Render(options, bytes.Length, staticResults, apiResults, coldResults);
    }

    private static string Render(BenchmarkOptions options, int bodyBytes, List<LoadResult> baseline, List<LoadResult> api, List<LoadResult> cold)
    {
        var staticRps = Statistics.Median(baseline.Select(r => r.RequestsPerSecond));
        var apiRps = Statistics.Median(api.Select(r => r.RequestsPerSecond));
        var coldRps = Statistics.Median(cold.Select(r => r.RequestsPerSecond));
        var invariant = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("## Read path: the pipelines list against a static file").AppendLine();
        text.AppendLine(invariant, $"- Workload: `GET /api/v1/pipelines?limit={options.Pipelines}` — {options.Pipelines:N0} cached pipelines with their latest runs, {bodyBytes:N0} bytes of JSON — served by the FlowForge server (Release, own process, SQLite store, in-memory read model).");
        text.AppendLine("- Baseline, same run: Kestrel's static file middleware serving the very same bytes from disk, in its own process.");
        text.AppendLine("- API uncached: the same request with a parameter the API ignores, different every time, so no answer is reused: every request filters the read model and serializes the whole list, as the first request after each store change does.");
        text.AppendLine(invariant, $"- Load: {options.Clients} concurrent closed-loop HTTP/1.1 clients on loopback (in a third process), {options.WarmUp.TotalSeconds:0} s warm-up then {options.Duration.TotalSeconds:0} s measured, {options.Rounds} rounds of baseline, API, API uncached; medians reported.");
        text.AppendLine();
        text.AppendLine("| Round | Static file req/s | p50 ms | p99 ms | API req/s | p50 ms | p99 ms | API uncached req/s | p50 ms | p99 ms |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        for (var i = 0; i < api.Count; i++)
        {
            text.AppendLine(invariant, $"| {i + 1} | {baseline[i].RequestsPerSecond:N0} | {baseline[i].P50Milliseconds:0.0} | {baseline[i].P99Milliseconds:0.0} | {api[i].RequestsPerSecond:N0} | {api[i].P50Milliseconds:0.0} | {api[i].P99Milliseconds:0.0} | {cold[i].RequestsPerSecond:N0} | {cold[i].P50Milliseconds:0.0} | {cold[i].P99Milliseconds:0.0} |");
        }

        text.AppendLine();
        text.AppendLine(invariant, $"**Ratio API / static file: {apiRps / staticRps:0.00}** (median {apiRps:N0} vs {staticRps:N0} req/s); uncached API / static file: {coldRps / staticRps:0.00} ({coldRps:N0} req/s).");
        text.AppendLine("Target (DESIGN §10): ≥ 0.50 of the static file, p99 < 20 ms at 64 clients. The load generator shares the two cores");
        text.AppendLine("with both servers, so absolute numbers are low and noisy and even the static file misses the latency target here;");
        text.AppendLine("the ratio between the two servers, measured in the same run, is the number to compare.");
        return text.ToString();
    }
}
