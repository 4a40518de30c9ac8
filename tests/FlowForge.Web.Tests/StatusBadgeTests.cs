using Bunit;
using FlowForge.Abstractions.Domain;
using FlowForge.Web.Components.Shared;

namespace FlowForge.Web.Tests;

public sealed class StatusBadgeTests : BunitContext
{
    [Fact]
    public void A_badge_says_the_status_in_words_and_the_provider_words_on_hover()
    {
        var badge = Render<StatusBadge>(parameters => parameters
            .Add(p => p.Status, RunStatus.Failed)
            .Add(p => p.ProviderStatus, "completed/failure"));

        var span = badge.Find("span");
        Assert.Equal("Failed", span.TextContent);
        Assert.Contains("status-failed", span.ClassList);
        Assert.Equal("Failed (completed/failure)", span.GetAttribute("title"));
    }
}
