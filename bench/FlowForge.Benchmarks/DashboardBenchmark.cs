using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace FlowForge.Benchmarks;

/// <summary>
/// The web dashboard's home page with 1,000 more pipelines against the plain demo, both measured in this run, in
/// Debian's headless Chromium: how soon it shows rows and answers, how quickly a filter updates the list, and how much
/// server memory each connected viewer costs.
/// </summary>
internal static class DashboardBenchmark
{
    private const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Fresh page loads per server, filter changes per server, browser tabs held open for the memory figure.</summary>
    private const int Loads = 10;
    private const int FilterRounds = 4;
    private const int Viewers = 20;

    /// <summary>Each typed into the search box, then cleared again: every change moves the "Showing N of M" count.</summary>
    private static readonly string[] Queries = ["billing", "search-api", "Nightly", "acme", "orders-web"];

    public static async Task<string> RunAsync(BenchmarkOptions options)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"The dashboard benchmark needs Debian's Chromium at {ChromiumPath} (apt-get install chromium).");
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-component-update"],
        });
        var baseline = await MeasureAsync(browser, extraPipelines: 0);
        var large = await MeasureAsync(browser, options.Pipelines);
        return Render(options.Pipelines, baseline, large);
    }

    private static async Task<DashboardResult> MeasureAsync(IBrowser browser, int extraPipelines)
    {
        Console.WriteLine($"Dashboard: the demo with {extraPipelines:N0} more pipelines...");
        var work = Directory.CreateTempSubdirectory("flowforge-bench-dashboard-");
        try
        {
            await using var server = await StartDemoAsync(work, extraPipelines);
            var pipelines = await DashboardProbe.WaitForPipelinesAsync(server.BaseUrl, extraPipelines);
            for (var warmUp = 0; warmUp < 3; warmUp++)
            {
                await DashboardProbe.LoadAsync(browser, server.BaseUrl);
            }

            // Memory first, while few closed tabs' circuits are still held by the server.
            var memory = await DashboardProbe.ViewerMemoryAsync(browser, server, Viewers);
            var loads = new List<PageLoad>();
            for (var load = 0; load < Loads; load++)
            {
                loads.Add(await DashboardProbe.LoadAsync(browser, server.BaseUrl));
            }

            var filters = await DashboardProbe.FilterAsync(browser, server.BaseUrl, Queries, FilterRounds);
            Console.WriteLine($"  {pipelines:N0} pipelines: live after {Statistics.Median(loads.Select(l => l.LiveMs)):0} ms, filter {Statistics.Median(filters):0} ms, {memory.PerViewerMiB:0.00} MiB per viewer");
            return new DashboardResult(pipelines, loads, filters, memory);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static Task<ChildProcess> StartDemoAsync(DirectoryInfo work, int extraPipelines)
    {
        var port = ChildProcess.FreePort();
        List<string> arguments = extraPipelines > 0 ? ["--demo-pipelines", extraPipelines.ToString(CultureInfo.InvariantCulture)] : ["--demo"];
        arguments.AddRange(["--urls", $"http://127.0.0.1:{port}"]);
        return ChildProcess.StartAsync(
            Path.Combine(AppContext.BaseDirectory, "flowforge-server.dll"),
            arguments,
            new Dictionary<string, string>
            {
                ["FLOWFORGE_DATA_DIR"] = Path.Combine(work.FullName, "data"),
                ["Logging__LogLevel__Default"] = "Warning",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
            },
            port);
    }

    private static string Render(int extraPipelines, DashboardResult baseline, DashboardResult large)
    {
        var invariant = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(invariant, $"## Dashboard: the home page with {extraPipelines:N0} more pipelines against the plain demo").AppendLine();
        text.AppendLine(invariant, $"- Workload: the FlowForge server (Release, own process) started with `--demo-pipelines {extraPipelines}` ({large.Pipelines:N0} pipelines, the demo's activity running), its home page `/` in Debian's headless Chromium driven by Playwright on loopback.");
        text.AppendLine(invariant, $"- Baseline, same run: the same server with plain `--demo` ({baseline.Pipelines:N0} pipelines), measured the same way.");
        text.AppendLine(invariant, $"- Time to first render: {Loads} fresh page loads each (after 3 warm-up loads), times from navigation start taken in the page: the prerendered HTML received, the first pipeline rows in the document, and \"live\": the interactive render over the Blazor circuit is in (virtualised list, controls answer). Medians.");
        text.AppendLine(invariant, $"- Filter response: {Queries.Length * 2 * FilterRounds} changes of the search box after a warm-up round (a query, then empty again, as one input event each) until the \"Showing N of M\" line changed and the next frame was painted.");
        text.AppendLine(invariant, $"- Memory per connected viewer: the server's working set (VmRSS) with no page open and after {Viewers} more tabs connected to the home page and settled, the difference divided by {Viewers}.");
        text.AppendLine();
        text.AppendLine(invariant, $"| | Plain demo ({baseline.Pipelines:N0}) | {large.Pipelines:N0} pipelines | Ratio |");
        text.AppendLine("|---|---|---|---|");
        Row(text, "Prerendered HTML, KiB", baseline.Loads.Select(l => l.HtmlKiB), large.Loads.Select(l => l.HtmlKiB));
        Row(text, "HTML received, ms", baseline.Loads.Select(l => l.HtmlMs), large.Loads.Select(l => l.HtmlMs));
        Row(text, "First rows in the page, ms", baseline.Loads.Select(l => l.RowsMs), large.Loads.Select(l => l.RowsMs));
        Row(text, "Live (interactive), ms", baseline.Loads.Select(l => l.LiveMs), large.Loads.Select(l => l.LiveMs));
        Row(text, "Filter to painted list, median ms", baseline.Filters, large.Filters);
        Row(text, "Filter to painted list, p90 ms", [P90(baseline.Filters)], [P90(large.Filters)]);
        Row(text, "Filter to painted list, max ms", [baseline.Filters.Max()], [large.Filters.Max()]);
        Row(text, "Server working set, no viewer, MiB", [baseline.Memory.IdleMiB], [large.Memory.IdleMiB]);
        Row(text, $"Server working set, {Viewers} viewers, MiB", [baseline.Memory.WithViewersMiB], [large.Memory.WithViewersMiB]);
        Row(text, "Memory per connected viewer, MiB", [baseline.Memory.PerViewerMiB], [large.Memory.PerViewerMiB]);
        text.AppendLine();
        var live = Statistics.Median(large.Loads.Select(l => l.LiveMs)) / Statistics.Median(baseline.Loads.Select(l => l.LiveMs));
        var viewer = large.Memory.PerViewerMiB / baseline.Memory.PerViewerMiB;
        text.AppendLine(invariant, $"**Time to live home page: {live:0.00}× the plain demo's; memory per connected viewer: {viewer:0.00}×.** The page sends its");
        text.AppendLine("first screenful as HTML and renders only the rows on screen (`<Virtualize>`); every filter change runs over the whole");
        text.AppendLine("list in memory on the server. Browser and server share the machine's cores, so absolute times include their contention;");
        text.AppendLine("the working set is a coarse measure (the server GC grows its heaps in steps), so the per-viewer figure moves between runs.");
        var hundred = large.Memory.IdleMiB + (100 * large.Memory.PerViewerMiB);
        text.AppendLine(invariant, $"Target (DESIGN §10): < 150 MB RSS with 1,000 pipelines and 100 viewers; this run's figures come to about {hundred * 1.048576:N0} MB ({large.Memory.IdleMiB:N0} MiB idle + 100 × {large.Memory.PerViewerMiB:0.0} MiB).");
        return text.ToString();
    }

    private static double P90(IEnumerable<double> values) => Statistics.Percentile([.. values.Order()], 0.9);

    private static void Row(StringBuilder text, string what, IEnumerable<double> baseline, IEnumerable<double> large)
    {
        var (small, big) = (Statistics.Median(baseline), Statistics.Median(large));
        text.AppendLine(CultureInfo.InvariantCulture, $"| {what} | {small:0.0} | {big:0.0} | {(small > 0 ? $"{big / small:0.00}" : "—")} |");
    }

    private sealed record DashboardResult(int Pipelines, IReadOnlyList<PageLoad> Loads, IReadOnlyList<double> Filters, ViewerMemory Memory);
}
