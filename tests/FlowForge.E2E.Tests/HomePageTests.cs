using FlowForge.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FlowForge.E2E.Tests;

public sealed class HomePageTests(DemoServer demo) : IClassFixture<DemoServer>
{
    [Fact]
    public async Task The_home_page_lists_the_demo_pipelines_with_their_status()
    {
        var page = await demo.Browser.PageAsync(demo.Server.BaseUrl);

        await page.GotoAsync("/");
        var rows = page.GetByTestId("pipeline-row");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();

        Assert.True(await rows.CountAsync() >= 5, $"Only {await rows.CountAsync()} pipelines listed.");
        await Assertions.Expect(rows.First.Locator(".status")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Pipelines");
    }
}
