namespace FlowForge.Providers.Buildkite.Dtos;

/// <summary><c>GET /v2/access-token</c>: who the token belongs to and its scopes.</summary>
internal sealed record AccessTokenDto(IReadOnlyList<string>? Scopes = null, PersonDto? User = null, string? Uuid = null);

/// <summary>Buildkite's error body, <c>{"message": "..."}</c>; a 429 adds <c>reset</c>, the seconds until the budget resets.</summary>
internal sealed record ErrorDto(string? Message = null, long? Reset = null);
