using FlowForge.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FlowForge.E2E.Tests;

/// <summary>With API keys required, a viewer signs in and sees no action anywhere.</summary>
public sealed class ViewerTests : IAsyncLifetime
{
    private ServerProcess _server = null!;
    private Browser _browser = null!;
    private string _viewerKey = null!;

    public async ValueTask InitializeAsync()
    {
        var data = Directory.CreateTempSubdirectory("flowforge-e2e-viewer-").FullName;

        // After the start: every demo start begins with a fresh database, keys included.
        _server = await ServerProcess.StartAsync(["--demo"], new Dictionary<string, string> { ["FlowForge__Auth__Mode"] = "ApiKeys" }, data);
        _viewerKey = await ServerProcess.RunCommandAsync(data, "--demo", "keys", "create", "--name", "vera-viewer", "--role", "viewer");
        _browser = await Browser.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_viewer_signs_in_and_sees_no_action_buttons()
    {
        var page = await _browser.PageAsync(_server.BaseUrl);

        await page.GotoAsync("/");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        await page.GetByLabel("API key").FillAsync(_viewerKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var rows = page.GetByTestId("pipeline-row");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();

        await FollowAsync(page, rows.First.Locator("a").First);
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/pipelines/"));
        await Assertions.Expect(page.GetByTestId("run-row").First).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("trigger-button").CountAsync());

        await FollowAsync(page, page.GetByTestId("run-row").First.Locator("a").First);
        await Assertions.Expect(page.GetByTestId("run-status")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("rerun-button").CountAsync());
        Assert.Equal(0, await page.GetByTestId("cancel-button").CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).CountAsync());
    }

    /// <summary>
    /// Opens a link's target. A click can land while the prerendered page is being replaced by the live one (the link
    /// is detached under the pointer), so the test goes where the link points, as a middle click or a bookmark would.
    /// </summary>
    private static async Task FollowAsync(IPage page, ILocator link)
    {
        var href = await link.GetAttributeAsync("href") ?? throw new InvalidOperationException("The link has no href.");
        await page.GotoAsync(href.StartsWith('/') ? href : "/" + href);
    }
}
