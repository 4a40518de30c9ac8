using System.Text.Json.Serialization;

namespace FlowForge.Providers.Jenkins.Dtos;

/// <summary>
/// An item of a folder's <c>jobs</c> (<c>hudson.model.AbstractItem</c>: <c>name</c>, <c>fullName</c>,
/// <c>fullDisplayName</c>, <c>description</c>, <c>url</c>; <c>hudson.model.Job</c>: <c>color</c>).
/// </summary>
/// <param name="Jobs">Present on folders, multibranch projects and organization folders; absent on jobs.</param>
internal sealed record ItemDto(
    string Name,
    [property: JsonPropertyName("_class")] string? Class = null,
    string? FullName = null,
    string? FullDisplayName = null,
    string? Description = null,
    string? Url = null,
    string? Color = null,
    IReadOnlyList<ItemDto>? Jobs = null);

/// <summary>The root (<c>hudson.model.Hudson</c>) or a folder, asked only for its <c>jobs</c>.</summary>
internal sealed record FolderDto(
    [property: JsonPropertyName("_class")] string? Class = null,
    IReadOnlyList<ItemDto>? Jobs = null);

/// <summary><c>/whoAmI/api/json</c> (<c>hudson.security.WhoAmI</c>).</summary>
internal sealed record WhoAmIDto(string Name, bool Anonymous = false, IReadOnlyList<string>? Authorities = null);

/// <summary><c>/crumbIssuer/api/json</c> (<c>hudson.security.csrf.CrumbIssuer</c>).</summary>
internal sealed record CrumbDto(string Crumb, string CrumbRequestField);
