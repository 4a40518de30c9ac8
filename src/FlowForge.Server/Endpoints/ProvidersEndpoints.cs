using FlowForge.Core.Access;
using FlowForge.Core.Providers;
using FlowForge.Server.Contracts;

namespace FlowForge.Server.Endpoints;

internal static class ProvidersEndpoints
{
    public static IEndpointRouteBuilder MapProvidersEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/providers", ListProviderKinds)
            .WithTags("Providers")
            .WithName("ListProviderKinds")
            .WithSummary("Provider kinds this server supports, with their configuration fields and capabilities.")
            .RequireAuthorization(AccessPolicies.Viewer);
        return app;
    }

    private static IReadOnlyList<ProviderKindResponse> ListProviderKinds(ProviderRegistry registry) =>
        [.. registry.Descriptors.Select(ProviderKindResponse.From)];
}
