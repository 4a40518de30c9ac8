namespace FlowForge.Providers.GitHub.Dtos;

/// <summary>An item of <c>GET /user/repos</c>.</summary>
internal sealed record RepositoryDto(
    string Name,
    string FullName,
    string HtmlUrl,
    UserDto? Owner = null,
    string? Description = null,
    string? DefaultBranch = null,
    bool Archived = false,
    DateTimeOffset? PushedAt = null,
    DateTimeOffset? UpdatedAt = null);
