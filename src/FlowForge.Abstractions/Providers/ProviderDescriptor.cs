namespace FlowForge.Abstractions.Providers;

/// <summary>What a provider is, as data: the API lists descriptors and the UI builds forms from them.</summary>
/// <param name="Kind">Stable lower-case identifier (<c>github</c>, <c>gitlab</c>, ...), stored with every instance.</param>
/// <param name="Permissions">The permissions each feature needs, for the token check to explain what is missing.</param>
public sealed record ProviderDescriptor(
    string Kind,
    string DisplayName,
    string Description,
    IReadOnlyList<ConfigField> Fields,
    ProviderCapabilities Capabilities,
    IReadOnlyList<PermissionRequirement> Permissions)
{
    public ConfigField? FindField(string key) =>
        Fields.FirstOrDefault(field => string.Equals(field.Key, key, StringComparison.Ordinal));
}

/// <summary>A permission a token needs for a feature, in the provider's own words.</summary>
public sealed record PermissionRequirement(string Permission, string Enables);
