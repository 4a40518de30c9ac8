using FlowForge.Abstractions.Domain;
using FlowForge.Core.Errors;
using FlowForge.Core.Instances;
using FlowForge.Server.Demo.Backends;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace FlowForge.Server.Demo;

/// <summary>
/// Runs the demo's emulators (GitHub, GitLab, Buildkite, Jenkins) in-process, keeps one instance pointed at each and,
/// once the server listens, has the ones that can push send their webhooks here, so the demo is live within a second.
/// </summary>
internal sealed partial class DemoEnvironment(
    InstanceService instances,
    IServer server,
    IHostApplicationLifetime lifetime,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<DemoEnvironment> logger) : IHostedService, IAsyncDisposable
{
    private static readonly Func<DemoSetup, CancellationToken, Task<IDemoBackend>>[] Starters =
    [
        GitHubDemoBackend.StartAsync,
        GitLabDemoBackend.StartAsync,
        BuildkiteDemoBackend.StartAsync,
        JenkinsDemoBackend.StartAsync,
    ];

    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<IDemoBackend> _backends = [];
    private readonly List<Task> _activities = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var setup = new DemoSetup(time, DemoMode.PipelinesOf(configuration));
        var started = await Task.WhenAll(Starters.Select(start => start(setup, cancellationToken)));
        _backends.AddRange(started);
        foreach (var backend in _backends)
        {
            await WatchAsync(backend.Instance, cancellationToken);
            _activities.Add(backend.RunAsync(time, _stopping.Token));
            LogStarted(backend.Instance.DisplayName, backend.BaseUrl, backend.Instance.Id);
        }

        if (setup.ExtraPipelines > 0)
        {
            LogScaled(setup.ExtraPipelines);
        }

        lifetime.ApplicationStarted.Register(SubscribeWebhooks);
    }

    /// <summary>
    /// Adds the instance afresh. The emulators live in memory and restart from scratch at every start, giving out the
    /// same ids again, so what an earlier demo stored of the instance is removed with it; the rest of the demo's
    /// database (API keys, audit log) stays.
    /// </summary>
    private async Task WatchAsync(DemoInstance instance, CancellationToken cancellationToken)
    {
        try
        {
            await instances.RemoveAsync(instance.Id, cancellationToken);
        }
        catch (NotFoundException)
        {
            // A first start.
        }

        await instances.AddAsync(
            new InstanceDraft(instance.Id, instance.Kind, instance.DisplayName, instance.Settings, RefreshInterval, WatchSelection.Everything),
            cancellationToken);
    }

    private void SubscribeWebhooks()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null || !Uri.TryCreate(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal), UriKind.Absolute, out var baseUrl))
        {
            return;
        }

        foreach (var backend in _backends)
        {
            backend.SubscribeWebhooks(new Uri(baseUrl, $"/hooks/{backend.Instance.Id}"));
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_activities).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var backend in _backends)
        {
            await backend.DisposeAsync();
        }

        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo mode: {Provider} emulator at {BaseUrl}, watched as instance '{InstanceId}'")]
    private partial void LogStarted(string provider, Uri baseUrl, string instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo mode: {Count} extra pipelines seeded")]
    private partial void LogScaled(int count);
}
