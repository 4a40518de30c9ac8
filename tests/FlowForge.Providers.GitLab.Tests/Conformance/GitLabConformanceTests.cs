using FlowForge.Providers.Conformance;

namespace FlowForge.Providers.GitLab.Tests.Conformance;

/// <summary>GitLab CI against the provider conformance kit.</summary>
public sealed class GitLabConformanceTests : ProviderConformanceTests
{
    protected override Task<IConformanceBackend> CreateBackendAsync() => GitLabConformanceBackend.StartAsync();
}
