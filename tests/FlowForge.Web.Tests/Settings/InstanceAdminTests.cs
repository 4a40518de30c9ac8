using System.Security.Claims;
using FlowForge.Abstractions.Domain;
using FlowForge.Core.Access;
using FlowForge.Core.Auditing;
using FlowForge.Core.Instances;
using FlowForge.Core.Persistence;
using FlowForge.Core.Providers;
using FlowForge.Core.Sync;
using FlowForge.Web.Actions;
using FlowForge.Web.Components.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Web.Tests.Settings;

/// <summary>What the page never offers but must still refuse, in the API's terms: out of scope is "not found", and is audited.</summary>
public sealed class InstanceAdminTests : SettingsTestContext
{
    [Fact]
    public async Task A_change_to_an_instance_outside_the_scope_is_refused_as_not_found_and_audited()
    {
        await AddInstanceAsync("other");
        var admin = AdminFor(Scoped("acme"));
        var view = admin.ViewOf(Repository["other"]!, InstanceHealth.NotSynced);

        var refusal = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => admin.RemoveAsync("other"));

        Assert.Equal("No instance 'other'.", refusal.Message);
        Assert.NotNull(Repository["other"]);
        var entry = Assert.Single(Audit.Entries);
        Assert.Equal((AuditActions.InstanceRemove, AuditOutcomes.Refused, 404, "other"), (entry.Action, entry.Outcome, entry.StatusCode, entry.InstanceId));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => admin.SaveWatchAsync(view, WatchSelection.Everything));
        Assert.Equal(2, Audit.Entries.Count);
    }

    [Fact]
    public async Task Adding_needs_an_admin_for_all_instances()
    {
        var admin = AdminFor(Scoped("acme"));

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            admin.AddAsync(new InstanceFormValues("new", "github", null, new Dictionary<string, string?> { ["token"] = "ghp_x" }, null)));

        var entry = Assert.Single(Audit.Entries);
        Assert.Equal((AuditActions.InstanceAdd, AuditOutcomes.Refused, 403), (entry.Action, entry.Outcome, entry.StatusCode));
        Assert.Empty(entry.Parameters);
        Assert.Null(Repository["new"]);
    }

    private static ClaimsPrincipal Scoped(string instance) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "scoped"), new Claim(AccessClaims.Role, "admin"), new Claim(AccessClaims.Instance, instance)], "test"));

    private InstanceAdmin AdminFor(ClaimsPrincipal user) => new(
        Services.GetRequiredService<InstanceService>(),
        Services.GetRequiredService<InstanceSynchronizer>(),
        Services.GetRequiredService<IInstanceRepository>(),
        Services.GetRequiredService<ProviderRegistry>(),
        Services.GetRequiredService<SyncStates>(),
        Services.GetRequiredService<ProviderConnections>(),
        Services.GetRequiredService<RateLimitBudgets>(),
        new AuditedCall(Services.GetRequiredService<ActionAudit>(), user));
}
