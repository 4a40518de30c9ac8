namespace FlowForge.Providers.GitLab.Dtos;

/// <summary>A project of <c>GET /projects</c>, <c>GET /groups/:id/projects</c> or <c>GET /projects/:id</c> (not <c>simple</c>).</summary>
/// <param name="CiConfigPath">Empty or null for <c>.gitlab-ci.yml</c>; may name a file in another project (<c>ci.yml@group/project</c>) or a URL.</param>
/// <param name="JobsEnabled">Deprecated by GitLab in favour of <paramref name="BuildsAccessLevel"/>; older servers send only this.</param>
internal sealed record ProjectDto(
    long Id,
    string Name,
    string PathWithNamespace,
    string WebUrl,
    string? Description = null,
    string? DefaultBranch = null,
    bool Archived = false,
    string? CiConfigPath = null,
    bool? JobsEnabled = null,
    string? BuildsAccessLevel = null);

/// <summary>The authenticated user (<c>GET /user</c>) or a user reference (<c>user</c> of a pipeline or job).</summary>
internal sealed record UserDto(string Username, string? Name = null);

/// <summary><c>GET /personal_access_tokens/self</c>: the token's own scopes.</summary>
internal sealed record AccessTokenDto(IReadOnlyList<string> Scopes);
