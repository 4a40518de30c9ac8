namespace FlowForge.Providers.GitHub.Dtos;

/// <summary>The authenticated user (<c>GET /user</c>) or any user reference (<c>actor</c>, <c>owner</c>).</summary>
internal sealed record UserDto(string Login);

/// <summary>GitHub's error body: <c>{"message": "...", "documentation_url": "..."}</c>.</summary>
internal sealed record ErrorDto(string? Message = null);
