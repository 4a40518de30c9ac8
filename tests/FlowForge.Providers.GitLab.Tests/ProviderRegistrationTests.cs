using FlowForge.Abstractions.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace FlowForge.Providers.GitLab.Tests;

/// <summary>
/// <see cref="ProviderRegistration.AddProviderPlugin{TPlugin}"/>, which every provider's <c>Add…Provider()</c> calls (each
/// provider's plugin tests check its own registration's handler).
/// </summary>
public sealed class ProviderRegistrationTests
{
    [Fact]
    public void A_plugin_is_registered_once_with_a_named_client_whose_handler_is_never_rotated()
    {
        var services = new ServiceCollection();

        var builder = services.AddProviderPlugin<SamplePlugin>("Sample.Client");
        services.AddProviderPlugin<SamplePlugin>("Sample.Client");
        using var provider = services.BuildServiceProvider();

        Assert.Equal("Sample.Client", builder.Name);
        Assert.IsType<SamplePlugin>(Assert.Single(provider.GetServices<IProviderPlugin>()));
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        var options = provider.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get("Sample.Client");
        Assert.Equal(Timeout.InfiniteTimeSpan, options.HandlerLifetime);
        Assert.NotEmpty(options.HttpMessageHandlerBuilderActions);
    }

    [Fact]
    public void A_client_name_is_required() =>
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddProviderPlugin<SamplePlugin>(" "));

    private sealed class SamplePlugin : IProviderPlugin
    {
        public ProviderDescriptor Descriptor { get; } = new("sample", "Sample", "A sample.", [], ProviderCapabilities.None, []);

        public IProviderConnection Connect(ProviderConnectionContext context) => throw new NotSupportedException();
    }
}
