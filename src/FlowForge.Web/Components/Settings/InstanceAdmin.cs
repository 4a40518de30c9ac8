using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Core.Access;
using FlowForge.Core.Auditing;
using FlowForge.Core.Errors;
using FlowForge.Core.Instances;
using FlowForge.Core.Persistence;
using FlowForge.Core.Providers;
using FlowForge.Core.Sync;

namespace FlowForge.Web.Components.Settings;

/// <summary>
/// What the settings page does with instances, each change checked against the caller's scope and audited exactly as the
/// HTTP API audits it (<c>instance.add</c>, <c>instance.update</c>, ...), secret values masked by the shared rule.
/// </summary>
internal sealed class InstanceAdmin(
    InstanceService service,
    InstanceSynchronizer synchronizer,
    IInstanceRepository instances,
    ProviderRegistry registry,
    SyncStates states,
    ProviderConnections connections,
    RateLimitBudgets budgets,
    AuditedCall audited)
{
    private const string GlobalAdminNeeded = "This needs an admin key that is not limited to instances.";

    private AccessScope Scope => AccessScope.From(audited.User);

    /// <summary>Adding an instance needs an admin not limited to instances, as in the API.</summary>
    public bool CanAdd => Scope.IsUnrestricted;

    public IReadOnlyList<ProviderDescriptor> Descriptors => registry.Descriptors;

    public IReadOnlySet<string>? ScopeLimit => Scope.Filter;

    public async Task<List<InstanceView>> ListAsync(CancellationToken cancellationToken)
    {
        var views = new List<InstanceView>();
        foreach (var instance in (await instances.ListAsync(cancellationToken)).Where(instance => Scope.Allows(instance.Id)))
        {
            views.Add(ViewOf(instance, await instances.GetHealthAsync(instance.Id, cancellationToken)));
        }

        return views;
    }

    public InstanceView ViewOf(ProviderInstance instance, InstanceHealth health)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(health);
        var key = connections.BudgetKeyOf(instance.Id);
        var budget = (key is null ? null : budgets.Find(key)) ?? health.RateLimit;
        return new InstanceView(
            instance,
            registry.Find(instance.Kind)?.Descriptor,
            health,
            states.StatusOf(instance.Id),
            budget,
            key is null ? null : budgets.BlockedUntil(key),
            synchronizer.IsRunning(instance.Id));
    }

    /// <summary>The view with the live parts (sync state, budget) read again; cheap, all in memory.</summary>
    public InstanceView Refresh(InstanceView view) => ViewOf(view.Instance, view.Health);

    public async Task<InstanceView> ReloadHealthAsync(InstanceView view, CancellationToken cancellationToken) =>
        ViewOf(view.Instance, await instances.GetHealthAsync(view.Id, cancellationToken));

    public async Task<ProviderInstance> AddAsync(InstanceFormValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var instanceId = string.IsNullOrWhiteSpace(values.Id) ? null : values.Id;
        var note = new AuditNote(InstanceAuditParameters.For(
            registry.Find(values.Kind)?.Descriptor, values.Kind, values.DisplayName, values.Settings, values.RefreshIntervalSeconds, null));
        if (!CanAdd)
        {
            await audited.RefuseAsync(
                AuditActions.InstanceAdd, instanceId, 403, $"Refused: {GlobalAdminNeeded}", GlobalAdminNeeded);
        }

        var draft = new InstanceDraft(values.Id, values.Kind, values.DisplayName, values.Settings, Interval(values.RefreshIntervalSeconds), null);
        return await audited.RunAsync(AuditActions.InstanceAdd, instanceId, 201, note, () => service.AddAsync(draft, CancellationToken.None));
    }

    public async Task<ProviderInstance> UpdateAsync(InstanceView view, InstanceFormValues values)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(values);
        var note = new AuditNote(InstanceAuditParameters.For(
            view.Descriptor, null, values.DisplayName, values.Settings, values.RefreshIntervalSeconds, null));
        await EnsureInScopeAsync(AuditActions.InstanceUpdate, view.Id);
        var changes = new InstanceChanges(values.DisplayName, values.Settings, Interval(values.RefreshIntervalSeconds), null);
        return await audited.RunAsync(AuditActions.InstanceUpdate, view.Id, 200, note, () => service.UpdateAsync(view.Id, changes, CancellationToken.None));
    }

    /// <summary>Saves what to watch: an update of the instance, audited as such.</summary>
    public async Task<ProviderInstance> SaveWatchAsync(InstanceView view, WatchSelection watch)
    {
        ArgumentNullException.ThrowIfNull(view);
        var note = new AuditNote(InstanceAuditParameters.For(view.Descriptor, null, null, null, null, watch));
        await EnsureInScopeAsync(AuditActions.InstanceUpdate, view.Id);
        var changes = new InstanceChanges(null, null, null, watch);
        return await audited.RunAsync(AuditActions.InstanceUpdate, view.Id, 200, note, () => service.UpdateAsync(view.Id, changes, CancellationToken.None));
    }

    public async Task RemoveAsync(string id)
    {
        await EnsureInScopeAsync(AuditActions.InstanceRemove, id);
        await audited.RunAsync(AuditActions.InstanceRemove, id, 204, new AuditNote(null), async () =>
        {
            await service.RemoveAsync(id, CancellationToken.None);
            return true;
        });
    }

    /// <summary>Asks the provider who the token is. A refused token is the answer to the question, not a failure.</summary>
    public async Task<TokenCheckResult> CheckTokenAsync(string id)
    {
        await EnsureInScopeAsync(AuditActions.InstanceValidate, id);
        return await audited.RunAsync(
            AuditActions.InstanceValidate,
            id,
            200,
            new AuditNote(null),
            async () =>
            {
                try
                {
                    return new TokenCheckResult(await service.ValidateCredentialsAsync(id, CancellationToken.None), null, null);
                }
                catch (ProviderException exception) when (exception.Kind is ProviderErrorKind.AuthenticationFailed or ProviderErrorKind.PermissionDenied or ProviderErrorKind.Misconfigured)
                {
                    return new TokenCheckResult(null, exception.Message, exception.UpstreamStatusCode);
                }
            },
            result => new AuditNote(new Dictionary<string, string> { ["valid"] = result.Valid ? "true" : "false" }, result.UpstreamStatusCode));
    }

    /// <summary>What the token can see. A read: not audited.</summary>
    public Task<IReadOnlyList<WatchableSource>> ListSourcesAsync(string id, CancellationToken cancellationToken) =>
        Scope.Allows(id) ? service.ListSourcesAsync(id, cancellationToken) : throw new NotFoundException($"No instance '{id}'.");

    /// <summary>"Sync now". The sync belongs to the server: leaving the page does not stop it.</summary>
    public async Task<SyncReport> SyncAsync(string id)
    {
        await EnsureInScopeAsync(AuditActions.InstanceSync, id);
        return await audited.RunAsync(AuditActions.InstanceSync, id, 200, new AuditNote(null), () => synchronizer.SyncAsync(id, CancellationToken.None));
    }

    // Out of scope answers 404 in the API, so a scoped key cannot learn what else exists; the dashboard does the same.
    private async Task EnsureInScopeAsync(string action, string id)
    {
        if (!Scope.Allows(id))
        {
            await audited.RefuseAsync(action, id, 404, "Refused: the instance is outside the key's instances.", $"No instance '{id}'.");
        }
    }

    private static TimeSpan? Interval(int? seconds) => seconds is { } value ? TimeSpan.FromSeconds(value) : null;
}
