using System.Text.Json;

namespace FlowForge.Providers.Buildkite.Dtos;

/// <summary>A pipeline of <c>GET /v2/organizations/{org}/pipelines[/{slug}]</c>.</summary>
/// <param name="ArchivedAt">Kept as text: Buildkite writes some pipeline times as <c>2013-09-03 13:24:38 UTC</c>; only its presence matters.</param>
/// <param name="Env">The pipeline's environment variables, offered as trigger parameters.</param>
internal sealed record PipelineDto(
    string Slug,
    string Name,
    string? WebUrl = null,
    string? Description = null,
    string? DefaultBranch = null,
    string? ArchivedAt = null,
    IReadOnlyDictionary<string, JsonElement>? Env = null);

/// <summary>The pipeline a build or webhook delivery names; only its slug is needed.</summary>
internal sealed record PipelineRefDto(string Slug);
