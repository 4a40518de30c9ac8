using FlowForge.Abstractions.Providers;

namespace FlowForge.Core.Providers;

/// <summary>The provider kinds this server knows, from the plugins registered at start-up.</summary>
public sealed class ProviderRegistry
{
    private readonly Dictionary<string, IProviderPlugin> _plugins;

    public ProviderRegistry(IEnumerable<IProviderPlugin> plugins)
    {
        _plugins = new Dictionary<string, IProviderPlugin>(StringComparer.Ordinal);
        foreach (var plugin in plugins)
        {
            if (!_plugins.TryAdd(plugin.Descriptor.Kind, plugin))
            {
                throw new InvalidOperationException($"Two provider plugins declare the kind '{plugin.Descriptor.Kind}'.");
            }
        }
    }

    public IReadOnlyList<ProviderDescriptor> Descriptors =>
        [.. _plugins.Values.Select(plugin => plugin.Descriptor).OrderBy(descriptor => descriptor.Kind, StringComparer.Ordinal)];

    public IProviderPlugin? Find(string kind) => _plugins.GetValueOrDefault(kind);
}
