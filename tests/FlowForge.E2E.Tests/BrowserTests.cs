using FlowForge.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FlowForge.E2E.Tests;

public sealed class BrowserTests(DemoServer demo) : IClassFixture<DemoServer>
{
    [Fact]
    public async Task The_dashboard_loads_in_Chromium_and_goes_live()
    {
        var page = await demo.Browser.PageAsync(demo.Server.BaseUrl);
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { errors.Add(message.Text); } };

        await page.GotoAsync("/");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Pipelines");
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        Assert.Empty(errors);
    }
}
