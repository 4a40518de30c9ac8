using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace FlowForge.Benchmarks;

/// <summary>The markdown written to docs/benchmarks.md: machine, method, per-round numbers, the ratio.</summary>
internal static class BenchmarkReport
{
    public static string Render(BenchmarkOptions options, int bodyBytes, IReadOnlyList<LoadResult> baseline, IReadOnlyList<LoadResult> api, IReadOnlyList<LoadResult> cold)
    {
        var staticRps = Median(baseline.Select(r => r.RequestsPerSecond));
        var apiRps = Median(api.Select(r => r.RequestsPerSecond));
        var coldRps = Median(cold.Select(r => r.RequestsPerSecond));
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine("# Benchmarks").AppendLine();
        text.AppendLine("## Read path: the pipelines list against a static file").AppendLine();
        text.AppendLine(invariant, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd} with `dotnet run -c Release --project bench/FlowForge.Benchmarks -- --output docs/benchmarks.md`.").AppendLine();
        text.AppendLine(invariant, $"- Machine: {CpuModel()}, {Environment.ProcessorCount} logical cores, {MemoryGiB():0.#} GiB RAM, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}.");
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
        text.AppendLine("Target (DESIGN §10): ≥ 0.50 of the static file, p99 < 20 ms at 64 clients.");
        text.AppendLine();
        text.AppendLine("The load generator runs on the same 2-core machine as both servers, so absolute numbers are low and");
        text.AppendLine("noisy; the ratio between the two servers, measured in the same run, is the number to compare. The p99");
        text.AppendLine("latency target needs the load generator on another machine: here even the static file misses it.");
        return text.ToString();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static double MemoryGiB() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
}
