using System.Collections.Concurrent;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Providers.Buildkite.Tests.Infrastructure;

/// <summary>Records every rate-limit snapshot a connection reports.</summary>
internal sealed class RecordingRateLimitObserver : IRateLimitObserver
{
    public ConcurrentQueue<RateLimitSnapshot> Snapshots { get; } = new();

    public void Observe(RateLimitSnapshot snapshot) => Snapshots.Enqueue(snapshot);
}

/// <summary>The provider wired as the host wires it (<c>AddBuildkiteProvider</c>).</summary>
internal sealed class BuildkiteTestHost : IDisposable
{
    /// <summary>An obviously fake token; tests assert it never appears in a message.</summary>
    public const string Token = "bk-test-token-not-real-123";

    public const string WebhookToken = "bk-webhook-token-not-real";

    public const string InstanceId = "bk";

    private readonly ServiceProvider _services;

    public BuildkiteTestHost(TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddBuildkiteProvider();
        _services = services.BuildServiceProvider();
        Plugin = Assert.IsType<BuildkitePlugin>(Assert.Single(_services.GetServices<IProviderPlugin>()));
    }

    public RecordingRateLimitObserver RateLimits { get; } = new();

    public BuildkitePlugin Plugin { get; }

    public BuildkiteConnection Connect(Uri baseUrl, string organization, string token = Token, string? webhookToken = WebhookToken)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["baseUrl"] = baseUrl.AbsoluteUri, ["organization"] = organization };
        var secrets = new Dictionary<string, SecretValue>(StringComparer.Ordinal) { ["token"] = new SecretValue(token) };
        if (webhookToken is not null)
        {
            secrets["webhookSecret"] = new SecretValue(webhookToken);
        }

        return Assert.IsType<BuildkiteConnection>(Plugin.Connect(new ProviderConnectionContext(InstanceId, settings, secrets, RateLimits)));
    }

    public static Pipeline Pipeline(string organization, string slug, string name = "Pipeline", string? defaultBranch = "main") =>
        new(new PipelineKey(InstanceId, slug), name, $"{organization}/{slug}", defaultBranch, null, null, Abstractions.Domain.Pipeline.NoExtras);

    public void Dispose() => _services.Dispose();
}
