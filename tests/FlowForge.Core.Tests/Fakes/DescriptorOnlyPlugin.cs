using FlowForge.Abstractions.Providers;

namespace FlowForge.Core.Tests.Fakes;

/// <summary>A plugin that only declares fields; its connections can do nothing.</summary>
internal sealed class DescriptorOnlyPlugin : IProviderPlugin
{
    public ProviderDescriptor Descriptor { get; } = new(
        "fake",
        "Fake CI",
        "A provider kind for tests.",
        [
            new ConfigField("baseUrl", "Base URL", ConfigFieldType.Url, Required: false, DefaultValue: "https://ci.example"),
            new ConfigField("token", "Token", ConfigFieldType.Text, Required: true, Secret: true),
            new ConfigField("org", "Organization", ConfigFieldType.Text, Required: false, Pattern: "[a-z0-9-]+"),
        ],
        ProviderCapabilities.None,
        []);

    public List<ProviderConnectionContext> Connections { get; } = [];

    public IProviderConnection Connect(ProviderConnectionContext context)
    {
        Connections.Add(context);
        return new Connection(context.InstanceId);
    }

    private sealed record Connection(string InstanceId) : IProviderConnection;
}
