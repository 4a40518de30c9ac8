using FlowForge.Providers.Conformance;

namespace FlowForge.Providers.Buildkite.Tests.Conformance;

/// <summary>Buildkite against the provider conformance kit.</summary>
public sealed class BuildkiteConformanceTests : ProviderConformanceTests
{
    protected override Task<IConformanceBackend> CreateBackendAsync() => BuildkiteConformanceBackend.StartAsync();
}
