using FlowForge.Abstractions.Providers;

namespace FlowForge.Server.Contracts;

/// <summary>A provider kind as the API shows it: what it is, the fields its instances need, what it can do.</summary>
public sealed record ProviderKindResponse(
    string Kind,
    string DisplayName,
    string Description,
    IReadOnlyList<ConfigFieldResponse> Fields,
    IReadOnlyList<string> Capabilities,
    IReadOnlyList<PermissionResponse> Permissions)
{
    public static ProviderKindResponse From(ProviderDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var capabilities = Enum.GetValues<ProviderCapabilities>()
            .Where(flag => flag != ProviderCapabilities.None && descriptor.Capabilities.HasFlag(flag))
            .Select(flag => JsonNaming.Camel(flag.ToString()))
            .ToList();
        return new ProviderKindResponse(
            descriptor.Kind,
            descriptor.DisplayName,
            descriptor.Description,
            [.. descriptor.Fields.Select(field => new ConfigFieldResponse(
                field.Key, field.Label, JsonNaming.Camel(field.Type.ToString()), field.Required, field.Secret,
                field.Description, field.DefaultValue, field.Pattern, field.Options))],
            capabilities,
            [.. descriptor.Permissions.Select(permission => new PermissionResponse(permission.Permission, permission.Enables))]);
    }
}

public sealed record ConfigFieldResponse(
    string Key,
    string Label,
    string Type,
    bool Required,
    bool Secret,
    string? Description,
    string? DefaultValue,
    string? Pattern,
    IReadOnlyList<string>? Options);

public sealed record PermissionResponse(string Permission, string Enables);
