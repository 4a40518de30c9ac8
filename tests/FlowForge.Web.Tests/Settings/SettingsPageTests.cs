using Bunit;

namespace FlowForge.Web.Tests.Settings;

public sealed class SettingsPageTests : SettingsTestContext
{
    [Fact]
    public void An_admin_for_all_instances_sees_instances_and_api_keys()
    {
        SignInAsAdmin();

        var page = Render<Components.Pages.Settings>();

        Assert.Equal("Settings", page.Find("h1").TextContent);
        Assert.Single(page.FindAll("[data-testid=add-instance]"));
        Assert.Single(page.FindAll("[data-testid=api-keys]"));
    }

    [Fact]
    public async Task An_admin_limited_to_instances_sees_no_api_keys()
    {
        await AddInstanceAsync("acme");
        SignInAsAdmin("acme");

        var page = Render<Components.Pages.Settings>();

        Assert.Single(page.FindAll("[data-testid=instance-card]"));
        Assert.Empty(page.FindAll("[data-testid=api-keys]"));
    }
}
