namespace FlowForge.Providers.Buildkite.Dtos;

/// <summary>The body of <c>POST …/pipelines/{slug}/builds</c>; absent members are not sent.</summary>
/// <param name="Commit">Required by Buildkite: a ref, sha or tag, <c>HEAD</c> for the branch's tip.</param>
internal sealed record CreateBuildDto(
    string Commit,
    string Branch,
    string? Message = null,
    bool? CleanCheckout = null,
    IReadOnlyDictionary<string, string>? Env = null,
    IReadOnlyDictionary<string, string>? MetaData = null);

/// <summary>The body of <c>PUT …/jobs/{id}/unblock</c>: the block step's field values.</summary>
internal sealed record UnblockDto(IReadOnlyDictionary<string, string> Fields);
