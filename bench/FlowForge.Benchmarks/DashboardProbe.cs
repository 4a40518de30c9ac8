using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace FlowForge.Benchmarks;

/// <summary>One load of the home page: times in milliseconds from navigation start as the page's own clock tells.</summary>
internal sealed record PageLoad(double HtmlMs, double RowsMs, double LiveMs, double HtmlKiB);

/// <summary>The server's working set without viewers and with some connected, and what one viewer costs.</summary>
internal sealed record ViewerMemory(double IdleMiB, double WithViewersMiB, int Viewers)
{
    public double PerViewerMiB => (WithViewersMiB - IdleMiB) / Viewers;
}

/// <summary>The dashboard as a browser sees it: page loads, filter changes and connected tabs, measured in the page.</summary>
internal static class DashboardProbe
{
    private const string Live = "[data-live] [data-testid='pipeline-row']";

    /// <summary>Notes in the page when the first rows arrive and when the live render is in; installed before any script.</summary>
    private const string Stopwatch = """
        window.__ff = {};
        new MutationObserver((_, observer) => {
            if (window.__ff.rows === undefined && document.querySelector("[data-testid='pipeline-row']")) { window.__ff.rows = performance.now(); }
            if (document.querySelector("[data-live] [data-testid='pipeline-row']")) { window.__ff.live = performance.now(); observer.disconnect(); }
        }).observe(document, { childList: true, subtree: true, attributes: true });
        """;

    /// <summary>Types a query as one input event and resolves once the count line changed and a frame was painted.</summary>
    private const string Filter = """
        async (query) => {
            const input = document.getElementById('pf-text');
            const summary = document.querySelector("[data-testid='pipeline-summary']");
            const before = summary.textContent;
            const start = performance.now();
            const changed = new Promise(resolve => {
                const observer = new MutationObserver(() => { if (summary.textContent !== before) { observer.disconnect(); resolve(); } });
                observer.observe(summary, { childList: true, subtree: true, characterData: true });
            });
            input.value = query;
            input.dispatchEvent(new Event('input', { bubbles: true }));
            await changed;
            await new Promise(requestAnimationFrame);
            return performance.now() - start;
        }
        """;

    /// <summary>Waits until the demo's pipelines are all synced: more than the extra ones, and no more arriving.</summary>
    public static async Task<int> WaitForPipelinesAsync(Uri server, int extraPipelines)
    {
        using var http = new HttpClient { BaseAddress = server };
        var (last, steady) = (-1, 0);
        while (steady < 3)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var count = await CountPipelinesAsync(http);
            (last, steady) = (count, count > extraPipelines && count == last ? steady + 1 : 0);
        }

        return last;
    }

    private static async Task<int> CountPipelinesAsync(HttpClient http)
    {
        var (count, cursor) = (0, (string?)null);
        do
        {
            var page = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/pipelines?limit=1000{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}")).RootElement;
            count += page.GetProperty("items").GetArrayLength();
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);
        return count;
    }

    public static async Task<PageLoad> LoadAsync(IBrowser browser, Uri server)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        await context.AddInitScriptAsync(Stopwatch);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator(Live).First.WaitForAsync(new() { Timeout = 60_000 });
        var times = await page.EvaluateAsync<double[]>(
            "() => { const n = performance.getEntriesByType('navigation')[0]; return [n.responseEnd, window.__ff.rows, window.__ff.live, n.decodedBodySize / 1024]; }");
        return new PageLoad(times[0], times[1], times[2], times[3]);
    }

    public static async Task<List<double>> FilterAsync(IBrowser browser, Uri server, IReadOnlyList<string> queries, int rounds)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator(Live).First.WaitForAsync(new() { Timeout = 60_000 });
        var times = new List<double>();

        // The first round warms up (the server compiles the filter's code paths on first use) and is not counted.
        for (var round = -1; round < rounds; round++)
        {
            foreach (var query in queries)
            {
                var (narrowed, widened) = (await page.EvaluateAsync<double>(Filter, query), await page.EvaluateAsync<double>(Filter, string.Empty));
                if (round >= 0)
                {
                    times.AddRange([narrowed, widened]);
                }
            }
        }

        Console.WriteLine($"  filter changes, ms: {string.Join(' ', times.Select(time => time.ToString("0", CultureInfo.InvariantCulture)))}");
        return times;
    }

    /// <summary>The server's working set before and after <paramref name="viewers"/> tabs hold the home page open.</summary>
    public static async Task<ViewerMemory> ViewerMemoryAsync(IBrowser browser, ChildProcess server, int viewers)
    {
        var idle = await SettledWorkingSetMiBAsync(server.ProcessId);
        var contexts = new List<IBrowserContext>();
        try
        {
            for (var viewer = 0; viewer < viewers; viewer++)
            {
                var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
                contexts.Add(context);
                var page = await context.NewPageAsync();
                await page.GotoAsync("/");
                await page.Locator(Live).First.WaitForAsync(new() { Timeout = 60_000 });
            }

            return new ViewerMemory(idle, await SettledWorkingSetMiBAsync(server.ProcessId), viewers);
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.CloseAsync();
            }
        }
    }

    /// <summary>The median of a few readings a second apart, so one allocation burst does not decide the figure.</summary>
    private static async Task<double> SettledWorkingSetMiBAsync(int processId)
    {
        var readings = new List<double>();
        for (var reading = 0; reading < 5; reading++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            readings.Add(WorkingSetMiB(processId));
        }

        return Statistics.Median(readings);
    }

    private static double WorkingSetMiB(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) / 1024;
    }
}
