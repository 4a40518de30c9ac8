using FlowForge.Providers.Conformance;

namespace FlowForge.Providers.Jenkins.Tests.Conformance;

/// <summary>Jenkins against the provider conformance kit.</summary>
public sealed class JenkinsConformanceTests : ProviderConformanceTests
{
    protected override Task<IConformanceBackend> CreateBackendAsync() => JenkinsConformanceBackend.StartAsync();
}
