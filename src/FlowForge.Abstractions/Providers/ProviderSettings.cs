using FlowForge.Abstractions.Http;
using FlowForge.Abstractions.Secrets;

namespace FlowForge.Abstractions.Providers;

/// <summary>
/// Reading the settings every provider needs before it can connect, with the same
/// <see cref="ProviderErrorKind.Misconfigured"/> messages everywhere. <see cref="IProviderPlugin.Connect"/> does no I/O,
/// so these only check what the settings say.
/// </summary>
public static class ProviderSettings
{
    /// <summary>The API root from setting <paramref name="key"/>, or <paramref name="defaultUrl"/> when it is empty.</summary>
    /// <param name="what">The setting as a message names it (<c>API base URL</c>).</param>
    /// <param name="examples">Good values, for the message (<c>https://HOST/api/v4</c>).</param>
    public static ApiRoot RequireApiRoot(this ProviderConnectionContext context, string key, string? defaultUrl, string what, string examples)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ApiRoot.TryParse(context.Setting(key) ?? defaultUrl)
            ?? throw new ProviderException(
                ProviderErrorKind.Misconfigured,
                $"The {what} of instance '{context.InstanceId}' must be an absolute http(s) URL without query, such as {examples}.");
    }

    /// <param name="what">The secret as a message names it (<c>API token</c>).</param>
    public static SecretValue RequireSecret(this ProviderConnectionContext context, string key, string what)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Secret(key) ?? throw NotSet(context, what);
    }

    /// <summary>A required setting, trimmed.</summary>
    /// <param name="what">The setting as a message names it (<c>user name</c>).</param>
    public static string RequireSetting(this ProviderConnectionContext context, string key, string what)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Setting(key)?.Trim() ?? throw NotSet(context, what);
    }

    private static ProviderException NotSet(ProviderConnectionContext context, string what) =>
        new(ProviderErrorKind.Misconfigured, $"The {what} of instance '{context.InstanceId}' is not set.");
}
