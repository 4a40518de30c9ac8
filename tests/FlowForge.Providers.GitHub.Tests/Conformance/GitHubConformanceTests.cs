using FlowForge.Providers.Conformance;

namespace FlowForge.Providers.GitHub.Tests.Conformance;

/// <summary>GitHub Actions against the provider conformance kit.</summary>
public sealed class GitHubConformanceTests : ProviderConformanceTests
{
    protected override Task<IConformanceBackend> CreateBackendAsync() => GitHubConformanceBackend.StartAsync();
}
