using System.Globalization;
using FlowForge.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FlowForge.E2E.Tests;

/// <summary>The demo server, scripted through its emulator, watched through the browser.</summary>
public sealed class LiveDashboardTests(DemoServer demo) : IClassFixture<DemoServer>
{
    [Fact]
    public async Task A_run_that_finishes_upstream_changes_its_row_without_a_reload()
    {
        var workflow = await demo.Emulator.WorkflowIdAsync("acme/api", "CI");
        var key = $"demo-github/{workflow.ToString(CultureInfo.InvariantCulture)}";
        var page = await demo.Browser.PageAsync(demo.Server.BaseUrl);
        await page.GotoAsync("/");
        var row = page.Locator($"[data-testid='pipeline-row'][data-pipeline-key='{key}']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await page.EvaluateAsync("() => window.__flowforgeNoReload = true");

        var run = await demo.Emulator.StartRunAsync(workflow, "E2E: make it red");
        await demo.Emulator.BeginAsync(run);
        await Assertions.Expect(row.Locator(".status")).ToHaveTextAsync("Running", new() { Timeout = 15_000 });
        await demo.Emulator.CompleteAsync(run, "failure");

        await Assertions.Expect(row.Locator(".status")).ToHaveTextAsync("Failed", new() { Timeout = 15_000 });
        await Assertions.Expect(row).ToContainTextAsync("E2E: make it red");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__flowforgeNoReload === true"), "The page reloaded.");
    }

    [Fact]
    public async Task Triggering_through_the_form_starts_a_run_that_appears_live()
    {
        var workflow = await demo.Emulator.WorkflowIdAsync("acme/api", "Deploy");
        var page = await demo.Browser.PageAsync(demo.Server.BaseUrl);
        await page.GotoAsync($"/pipelines/demo-github/{workflow.ToString(CultureInfo.InvariantCulture)}");

        await page.GetByTestId("trigger-button").ClickAsync();
        var form = page.GetByTestId("trigger-form");
        await Assertions.Expect(form).ToBeVisibleAsync();
        foreach (var input in await form.Locator("input[required]:not([type=checkbox])").AllAsync())
        {
            if (string.IsNullOrEmpty(await input.InputValueAsync()))
            {
                await input.FillAsync("staging");
            }
        }

        await page.GetByTestId("trigger-submit").ClickAsync();

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/runs/\d+$"), new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("run-status")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Cancelling_a_running_run_from_its_page_cancels_it()
    {
        var workflow = await demo.Emulator.WorkflowIdAsync("acme/api", "CI");
        var run = await demo.Emulator.StartRunAsync(workflow, "E2E: to be cancelled");
        await demo.Emulator.BeginAsync(run);
        var page = await demo.Browser.PageAsync(demo.Server.BaseUrl);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await page.GotoAsync($"/pipelines/demo-github/{workflow.ToString(CultureInfo.InvariantCulture)}/runs/{run.ToString(CultureInfo.InvariantCulture)}");
        await Assertions.Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Running", new() { Timeout = 15_000 });
        await page.GetByTestId("cancel-button").ClickAsync();
        var confirm = page.GetByTestId("confirm-action");
        if (await confirm.CountAsync() > 0)
        {
            await confirm.ClickAsync();
        }

        await Assertions.Expect(page.GetByTestId("run-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Cancell"), new() { Timeout = 15_000 });
    }
}
