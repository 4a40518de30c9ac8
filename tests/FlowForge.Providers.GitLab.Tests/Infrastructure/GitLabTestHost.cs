using System.Collections.Concurrent;
using System.Globalization;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Providers.GitLab.Tests.Infrastructure;

/// <summary>Records every rate-limit snapshot a connection reports.</summary>
internal sealed class RecordingRateLimitObserver : IRateLimitObserver
{
    public ConcurrentQueue<RateLimitSnapshot> Snapshots { get; } = new();

    public void Observe(RateLimitSnapshot snapshot) => Snapshots.Enqueue(snapshot);
}

/// <summary>The provider wired as the host wires it (<c>AddGitLabProvider</c>), with a fake clock and, optionally, a stub handler.</summary>
internal sealed class GitLabTestHost : IDisposable
{
    /// <summary>Obviously fake secrets; tests assert they never appear in a message.</summary>
    public const string Token = "glpat-test-token-not-real";

    public const string WebhookSecret = "hook-secret-not-real";

    public const string InstanceId = "gl";

    private readonly ServiceProvider _services;

    /// <param name="handler">Replaces the network: every request goes to it.</param>
    public GitLabTestHost(HttpMessageHandler? handler = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddGitLabProvider();
        if (handler is not null)
        {
            services.AddHttpClient(GitLabPlugin.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        }

        _services = services.BuildServiceProvider();
        Plugin = Assert.IsType<GitLabPlugin>(Assert.Single(_services.GetServices<IProviderPlugin>()));
    }

    public static DateTimeOffset Now { get; } = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Now);

    public RecordingRateLimitObserver RateLimits { get; } = new();

    public GitLabPlugin Plugin { get; }

    public IServiceProvider Services => _services;

    public GitLabConnection Connect(Uri baseUrl, IReadOnlyDictionary<string, string>? settings = null, string token = Token, string? webhookSecret = WebhookSecret)
    {
        var values = new Dictionary<string, string>(settings ?? new Dictionary<string, string>(), StringComparer.Ordinal) { ["baseUrl"] = baseUrl.AbsoluteUri };
        var secrets = new Dictionary<string, SecretValue>(StringComparer.Ordinal) { ["token"] = new SecretValue(token) };
        if (webhookSecret is not null)
        {
            secrets["webhookSecret"] = new SecretValue(webhookSecret);
        }

        return Assert.IsType<GitLabConnection>(Plugin.Connect(new ProviderConnectionContext(InstanceId, values, secrets, RateLimits)));
    }

    /// <summary>The pipeline record the sync engine holds for a project.</summary>
    public static Pipeline Pipeline(long projectId, string path = "acme/app", string? filePath = ".gitlab-ci.yml", string? defaultBranch = "main") =>
        new(new PipelineKey(InstanceId, projectId.ToString(CultureInfo.InvariantCulture)), path, path, defaultBranch, null, filePath, Abstractions.Domain.Pipeline.NoExtras);

    public void Dispose() => _services.Dispose();
}
