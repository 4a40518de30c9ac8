using FlowForge.Core.Access;
using FlowForge.Abstractions.Providers;
using FlowForge.Core.Auditing;
using FlowForge.Core.Errors;
using FlowForge.Core.Instances;
using FlowForge.Core.Persistence;
using FlowForge.Core.Providers;
using FlowForge.Core.Sync;
using FlowForge.Server.Auditing;
using FlowForge.Server.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlowForge.Server.Endpoints;

internal static class InstancesEndpoints
{
    public static IEndpointRouteBuilder MapInstancesEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/instances").WithTags("Instances");
        group.MapGet("/", ListInstances).WithName("ListInstances").WithSummary("Configured provider instances with their health.")
            .RequireAuthorization(AccessPolicies.Viewer);
        group.MapPost("/", AddInstance).WithName("AddInstance").WithSummary("Adds a provider instance; secret fields go to the secret store.")
            .RequireAuthorization(AccessPolicies.GlobalAdmin).Audited(AuditActions.InstanceAdd);
        group.MapGet("/{id}", GetInstance).WithName("GetInstance").RequireAuthorization(AccessPolicies.Viewer);
        group.MapPatch("/{id}", UpdateInstance).WithName("UpdateInstance").WithSummary("Changes an instance; a secret field given is rotated.")
            .RequireAuthorization(AccessPolicies.Admin).Audited(AuditActions.InstanceUpdate);
        group.MapDelete("/{id}", RemoveInstance).WithName("RemoveInstance").WithSummary("Removes an instance with its data and secrets.")
            .RequireAuthorization(AccessPolicies.Admin).Audited(AuditActions.InstanceRemove);
        group.MapGet("/{id}/health", GetHealth).WithName("GetInstanceHealth").WithSummary("Last sync, last error, rate-limit budget.")
            .RequireAuthorization(AccessPolicies.Viewer);
        group.MapPost("/{id}/validate", ValidateCredentials).WithName("ValidateInstanceCredentials").WithSummary("Checks the token against the provider.")
            .RequireAuthorization(AccessPolicies.Admin).Audited(AuditActions.InstanceValidate);
        group.MapGet("/{id}/sources", ListSources).WithName("ListInstanceSources").WithSummary("What the token can see, and whether each is watched.")
            .RequireAuthorization(AccessPolicies.Admin);
        group.MapGet("/{id}/sync", GetSyncStatus).WithName("GetInstanceSyncStatus").WithSummary("Cadence, back-off and rate-limit block of the instance's polling.")
            .RequireAuthorization(AccessPolicies.Viewer);
        group.MapPost("/{id}/sync", SyncNow).WithName("SyncInstance").WithSummary("Syncs now, or waits for the sync already running.")
            .RequireAuthorization(AccessPolicies.Operator).Audited(AuditActions.InstanceSync);
        return app;
    }

    private static async Task<IReadOnlyList<InstanceResponse>> ListInstances(
        IInstanceRepository instances, InstanceViews views, AccessScope scope, CancellationToken cancellationToken)
    {
        var all = await instances.ListAsync(cancellationToken);
        var result = new List<InstanceResponse>(all.Count);
        foreach (var instance in all.Where(instance => scope.Allows(instance.Id)))
        {
            result.Add(await views.ViewAsync(instance, cancellationToken));
        }

        return result;
    }

    private static async Task<Created<InstanceResponse>> AddInstance(
        CreateInstanceRequest request, InstanceService service, InstanceViews views, ProviderRegistry registry, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(request.Id))
        {
            httpContext.SetAuditInstance(request.Id);
        }

        string? kind = request.Kind;
        httpContext.SetAuditParameters(InstanceAuditParameters.For(
            registry.Find(kind ?? string.Empty)?.Descriptor, kind, request.DisplayName, request.Settings, request.RefreshIntervalSeconds, request.Watch?.ToSelection()));
        var draft = new InstanceDraft(
            request.Id,
            request.Kind,
            request.DisplayName,
            request.Settings ?? [],
            request.RefreshIntervalSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            request.Watch?.ToSelection());
        var instance = await service.AddAsync(draft, cancellationToken);
        return TypedResults.Created($"/api/v1/instances/{instance.Id}", await views.ViewAsync(instance, cancellationToken));
    }

    private static async Task<Ok<InstanceResponse>> GetInstance(string id, IInstanceRepository instances, InstanceViews views, CancellationToken cancellationToken)
    {
        var instance = await instances.FindAsync(id, cancellationToken) ?? throw new NotFoundException($"No instance '{id}'.");
        return TypedResults.Ok(await views.ViewAsync(instance, cancellationToken));
    }

    private static async Task<Ok<InstanceResponse>> UpdateInstance(
        string id,
        UpdateInstanceRequest request,
        InstanceService service,
        InstanceViews views,
        IInstanceRepository instances,
        ProviderRegistry registry,
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        var kind = (await instances.FindAsync(id, cancellationToken))?.Kind;
        httpContext.SetAuditParameters(InstanceAuditParameters.For(
            kind is null ? null : registry.Find(kind)?.Descriptor, null, request.DisplayName, request.Settings, request.RefreshIntervalSeconds, request.Watch?.ToSelection()));
        var changes = new InstanceChanges(
            request.DisplayName,
            request.Settings,
            request.RefreshIntervalSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            request.Watch?.ToSelection());
        var instance = await service.UpdateAsync(id, changes, cancellationToken);
        return TypedResults.Ok(await views.ViewAsync(instance, cancellationToken));
    }

    private static async Task<NoContent> RemoveInstance(string id, InstanceService service, CancellationToken cancellationToken)
    {
        await service.RemoveAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<HealthResponse>> GetHealth(string id, IInstanceRepository instances, CancellationToken cancellationToken)
    {
        _ = await instances.FindAsync(id, cancellationToken) ?? throw new NotFoundException($"No instance '{id}'.");
        return TypedResults.Ok(HealthResponse.From(await instances.GetHealthAsync(id, cancellationToken)));
    }

    private static async Task<Ok<CredentialCheckResponse>> ValidateCredentials(
        string id, InstanceService service, HttpContext httpContext, CancellationToken cancellationToken)
    {
        try
        {
            var check = await service.ValidateCredentialsAsync(id, cancellationToken);
            httpContext.SetAuditParameters(new Dictionary<string, string> { ["valid"] = "true" });
            return TypedResults.Ok(new CredentialCheckResponse(true, check.Identity, check.GrantedPermissions, null));
        }
        catch (ProviderException exception) when (exception.Kind is ProviderErrorKind.AuthenticationFailed or ProviderErrorKind.PermissionDenied or ProviderErrorKind.Misconfigured)
        {
            httpContext.SetAuditParameters(new Dictionary<string, string> { ["valid"] = "false" });
            if (exception.UpstreamStatusCode is { } upstream)
            {
                httpContext.SetAuditUpstreamStatus(upstream);
            }

            // A refused token is the answer to the question asked, not a failure of the request.
            return TypedResults.Ok(new CredentialCheckResponse(false, null, [], exception.Message));
        }
    }

    private static async Task<Ok<IReadOnlyList<SourceResponse>>> ListSources(
        string id, InstanceService service, IInstanceRepository instances, CancellationToken cancellationToken)
    {
        var sources = await service.ListSourcesAsync(id, cancellationToken);
        var watch = (await instances.FindAsync(id, cancellationToken))?.Watch;
        IReadOnlyList<SourceResponse> result =
        [
            .. sources.Select(source => new SourceResponse(
                source.Id, source.Name, source.Description, source.DefaultBranch, source.WebUrl, source.IsArchived, watch?.Includes(source.Id) ?? false)),
        ];
        return TypedResults.Ok(result);
    }

    private static async Task<Ok<SyncStatusResponse>> GetSyncStatus(string id, IInstanceRepository instances, InstanceViews views, CancellationToken cancellationToken)
    {
        _ = await instances.FindAsync(id, cancellationToken) ?? throw new NotFoundException($"No instance '{id}'.");
        return TypedResults.Ok(views.SyncOf(id));
    }

    private static async Task<Ok<SyncReport>> SyncNow(string id, InstanceSynchronizer synchronizer, CancellationToken cancellationToken) =>
        TypedResults.Ok(await synchronizer.SyncAsync(id, cancellationToken));
}
