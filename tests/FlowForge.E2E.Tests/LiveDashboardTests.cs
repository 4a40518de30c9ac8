using System.Globalization;
using System.Text.RegularExpressions;
using FlowForge.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FlowForge.E2E.Tests;

/// <summary>
/// The demo server, scripted through its emulator, watched and driven through the browser. Runs the tests script are
/// on acme/infra's Nightly, which the demo never starts by itself and lets run for minutes: nothing else moves them.
/// </summary>
public sealed partial class LiveDashboardTests(DemoServer demo) : IClassFixture<DemoServer>
{
    [Fact]
    public async Task A_run_that_finishes_upstream_changes_its_row_without_a_reload()
    {
        var workflow = await NightlyAsync();
        var page = await demo.Browser.PageAsync(demo.Server.BaseUrl);
        await page.GotoAsync("/");
        var row = page.Locator($"[data-testid='pipeline-row'][data-pipeline-key='demo-github/{Id(workflow)}']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await page.EvaluateAsync("() => window.__flowforgeNoReload = true");

        var run = await demo.Emulator.StartRunAsync(workflow, "E2E: make it red");
        await demo.Emulator.BeginAsync(run);
        await Assertions.Expect(row.Locator(".status")).ToHaveTextAsync("Running");
        await demo.Emulator.CompleteAsync(run, "failure");

        await Assertions.Expect(row.Locator(".status")).ToHaveTextAsync("Failed");
        await Assertions.Expect(row).ToContainTextAsync("E2E: make it red");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__flowforgeNoReload === true"), "The page reloaded.");
    }

    [Fact]
    public async Task Triggering_through_the_form_starts_a_run_that_appears_live()
    {
        var workflow = await demo.Emulator.WorkflowIdAsync("acme/api", "Deploy");
        var page = await demo.Browser.PageAsync(demo.Server.BaseUrl);
        await page.GotoAsync($"/pipelines/demo-github/{Id(workflow)}");

        await page.GetByTestId("trigger-button").ClickAsync();
        var form = page.GetByTestId("trigger-form");
        await Assertions.Expect(form).ToBeVisibleAsync();
        await form.GetByLabel("region").SelectOptionAsync("us-east-1");
        await form.GetByLabel("replicas").FillAsync("2");
        await page.GetByTestId("trigger-submit").ClickAsync();

        await page.WaitForURLAsync(RunAddress());
        await Assertions.Expect(page.GetByTestId("run-status")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".parameters")).ToContainTextAsync("us-east-1");
        var runId = RunAddress().Match(page.Url).Groups["run"].Value;

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" }).GetByRole(AriaRole.Link, new() { Name = "acme/api · Deploy" }).ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid='run-row'][data-run-id='{runId}']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Re_running_a_failed_run_from_its_page_starts_it_again()
    {
        var workflow = await NightlyAsync();
        var run = await demo.Emulator.StartRunAsync(workflow, "E2E: to be re-run");
        await demo.Emulator.BeginAsync(run);
        await demo.Emulator.CompleteAsync(run, "failure");
        var page = await demo.Browser.PageAsync(demo.Server.BaseUrl);

        await page.GotoAsync(RunPath(workflow, run));
        await Assertions.Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Failed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Re-run all jobs" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("run-status")).ToHaveTextAsync(new Regex("Queued|Running"));
        await Assertions.Expect(page.Locator(".fact", new() { HasText = "Attempt" })).ToContainTextAsync("2");
        await Assertions.Expect(page.GetByTestId("cancel-button")).ToBeVisibleAsync();

        // Leave nothing running behind for the other tests on this pipeline.
        await demo.Emulator.CompleteAsync(run, "success");
    }

    [Fact]
    public async Task Cancelling_a_running_run_from_its_page_cancels_it()
    {
        var workflow = await NightlyAsync();
        var run = await demo.Emulator.StartRunAsync(workflow, "E2E: to be cancelled");
        await demo.Emulator.BeginAsync(run);
        var page = await demo.Browser.PageAsync(demo.Server.BaseUrl);

        await page.GotoAsync(RunPath(workflow, run));
        await Assertions.Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Running");
        await page.GetByTestId("cancel-button").ClickAsync();
        await page.GetByTestId("confirm-cancel").ClickAsync();

        await Assertions.Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Cancelled");
        await Assertions.Expect(page.GetByTestId("cancel-button")).ToHaveCountAsync(0);
    }

    private Task<long> NightlyAsync() => demo.Emulator.WorkflowIdAsync("acme/infra", "Nightly");

    private static string RunPath(long workflow, long run) => $"/pipelines/demo-github/{Id(workflow)}/runs/{Id(run)}";

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/runs/(?<run>\d+)$")]
    private static partial Regex RunAddress();
}
