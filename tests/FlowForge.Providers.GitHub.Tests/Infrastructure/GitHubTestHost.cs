using System.Collections.Concurrent;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Providers.GitHub.Tests.Infrastructure;

/// <summary>Records every rate-limit snapshot a connection reports.</summary>
internal sealed class RecordingRateLimitObserver : IRateLimitObserver
{
    public ConcurrentQueue<RateLimitSnapshot> Snapshots { get; } = new();

    public void Observe(RateLimitSnapshot snapshot) => Snapshots.Enqueue(snapshot);
}

/// <summary>The provider wired as the host wires it (<c>AddGitHubProvider</c>), with a fake clock.</summary>
internal sealed class GitHubTestHost : IDisposable
{
    /// <summary>An obviously fake token; tests assert it never appears in a message.</summary>
    public const string Token = "test-token-not-real-123";

    public const string InstanceId = "gh";

    private readonly ServiceProvider _services;

    public GitHubTestHost(Action<HttpClient>? configureClient = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddGitHubProvider();
        if (configureClient is not null)
        {
            services.AddHttpClient(GitHubPlugin.HttpClientName).ConfigureHttpClient(configureClient);
        }

        _services = services.BuildServiceProvider();
        Plugin = Assert.IsType<GitHubPlugin>(Assert.Single(_services.GetServices<IProviderPlugin>()));
    }

    public static DateTimeOffset Now { get; } = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Now);

    public RecordingRateLimitObserver RateLimits { get; } = new();

    public GitHubPlugin Plugin { get; }

    public GitHubConnection Connect(Uri baseUrl, string? owners = null)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["baseUrl"] = baseUrl.AbsoluteUri };
        if (owners is not null)
        {
            settings["owners"] = owners;
        }

        var secrets = new Dictionary<string, SecretValue>(StringComparer.Ordinal) { ["token"] = new SecretValue(Token) };
        var connection = Plugin.Connect(new ProviderConnectionContext(InstanceId, settings, secrets, RateLimits));
        return Assert.IsType<GitHubConnection>(connection);
    }

    public static Pipeline Pipeline(string repository, long workflowId, string name = "CI") =>
        new(new PipelineKey(InstanceId, workflowId.ToString(System.Globalization.CultureInfo.InvariantCulture)), name, repository, "main", null, null, Abstractions.Domain.Pipeline.NoExtras);

    public static WatchableSource Source(string fullName, string? defaultBranch = "main") =>
        new(fullName, fullName[(fullName.IndexOf('/', StringComparison.Ordinal) + 1)..], null, defaultBranch, null, false);

    public void Dispose() => _services.Dispose();
}
