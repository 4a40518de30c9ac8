using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FlowForge.Server.Access;

/// <summary>
/// Tells OpenAPI clients how to authenticate: an API key as <c>Authorization: Bearer</c>, required by every
/// operation when the server runs with API keys (on loopback without keys, it is not needed).
/// </summary>
internal sealed class ApiKeySecurityScheme : IOpenApiDocumentTransformer
{
    public const string Name = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[Name] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "ffk_<id>_<secret>",
            Description = "A FlowForge API key (created by an admin with POST /api/v1/keys or `keys create`), sent as Authorization: Bearer.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Name, document)] = [] });
        return Task.CompletedTask;
    }
}
