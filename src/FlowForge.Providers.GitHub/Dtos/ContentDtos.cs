namespace FlowForge.Providers.GitHub.Dtos;

/// <summary>A file of <c>GET /repos/{owner}/{repo}/contents/{path}</c> (<c>#/components/schemas/content-file</c>).</summary>
/// <param name="Sha">The blob sha: changes exactly when the file's content does.</param>
/// <param name="Encoding"><c>base64</c>; <c>none</c> (with empty content) for files over 1 MB.</param>
internal sealed record ContentFileDto(string Type, string Path, string Sha, string? Content = null, string? Encoding = null);
