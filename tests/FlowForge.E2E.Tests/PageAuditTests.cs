using System.Globalization;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using FlowForge.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FlowForge.E2E.Tests;

/// <summary>
/// Every page, in light and dark, at desktop and phone width: no serious accessibility violation (axe-core), and a
/// screenshot of each for the README (written to docs/screenshots when FLOWFORGE_SCREENSHOTS names that folder).
/// </summary>
public sealed class PageAuditTests(DemoServer demo) : IClassFixture<DemoServer>
{
    public static TheoryData<string, bool, bool> Views()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (var page in new[] { "home", "pipeline", "run", "settings", "radiator" })
        {
            foreach (var dark in new[] { false, true })
            {
                foreach (var phone in new[] { false, true })
                {
                    data.Add(page, dark, phone);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Each_page_has_no_serious_accessibility_violation_and_is_photographed(string view, bool dark, bool phone)
    {
        var page = await demo.Browser.PageAsync(demo.Server.BaseUrl, phone, dark ? ColorScheme.Dark : ColorScheme.Light);
        await page.GotoAsync(await PathAsync(view));
        await ReadyAsync(page, view);

        var results = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });

        var serious = results.Violations.Where(violation => violation.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}")));
        await ScreenshotAsync(page, $"{view}-{(dark ? "dark" : "light")}-{(phone ? "phone" : "desktop")}.png");
    }

    private async Task<string> PathAsync(string view)
    {
        var ci = (await demo.Emulator.WorkflowIdAsync("acme/api", "CI")).ToString(CultureInfo.InvariantCulture);
        return view switch
        {
            "home" => "/",
            "pipeline" => $"/pipelines/demo-github/{ci}",
            "run" => $"/pipelines/demo-github/{ci}/runs/{await LatestRunAsync(ci)}",
            "settings" => "/settings",
            "radiator" => "/radiator",
            _ => throw new ArgumentOutOfRangeException(nameof(view)),
        };
    }

    private async Task<string> LatestRunAsync(string workflow)
    {
        using var http = new HttpClient { BaseAddress = demo.Server.BaseUrl };
        var runs = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"/api/v1/pipelines/demo-github/{workflow}/runs?limit=5&status=failed"));
        var items = runs.RootElement.GetProperty("items");
        if (items.GetArrayLength() == 0)
        {
            runs = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"/api/v1/pipelines/demo-github/{workflow}/runs?limit=1"));
            items = runs.RootElement.GetProperty("items");
        }

        return items[0].GetProperty("id").GetString()!;
    }

    private static async Task ReadyAsync(IPage page, string view)
    {
        var marker = view switch
        {
            "home" => page.GetByTestId("pipeline-row").First,
            "pipeline" => page.GetByTestId("run-row").First,
            "run" => page.GetByTestId("run-status"),
            "settings" => page.GetByTestId("instance-card").First,
            _ => page.GetByTestId("radiator-tile").First,
        };
        await Assertions.Expect(marker).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("FLOWFORGE_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = false });
    }
}
