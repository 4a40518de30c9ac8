using FlowForge.Abstractions.Domain;
using FlowForge.Core.Errors;
using FlowForge.Core.Instances;
using FlowForge.Emulators.GitHub;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using FlowForge.Providers.GitHub;

namespace FlowForge.Server.Demo;

/// <summary>Runs the demo's GitHub emulator and keeps the demo instance pointed at it.</summary>
internal sealed partial class DemoEnvironment(
    InstanceService instances,
    IServer server,
    IHostApplicationLifetime lifetime,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<DemoEnvironment> logger) : IHostedService, IAsyncDisposable
{
    private const string DemoToken = "demo-token";
    private const string DemoWebhookSecret = "demo-webhook-secret";
    private readonly CancellationTokenSource _stopping = new();
    private GitHubEmulator? _emulator;
    private Task? _activity;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _emulator = await GitHubEmulator.StartAsync(
            new GitHubEmulatorOptions { TimeProvider = time, Tokens = new Dictionary<string, string> { [DemoToken] = "octocat" } },
            cancellationToken);
        GitHubDemoScenario.Seed(_emulator);
        var extra = DemoMode.PipelinesOf(configuration);
        if (extra > 0)
        {
            GitHubDemoScenario.SeedMany(_emulator, extra);
            LogScaled(extra);
        }

        _activity = GitHubDemoScenario.RunAsync(_emulator, time, _stopping.Token);

        // The emulator listens on a new port at every start, so the instance is re-pointed each time.
        var settings = new Dictionary<string, string?>
        {
            ["baseUrl"] = _emulator.ApiBaseUrl.ToString(),
            ["token"] = DemoToken,
            ["webhookSecret"] = DemoWebhookSecret,
        };
        try
        {
            await instances.UpdateAsync(DemoMode.InstanceId, new InstanceChanges(null, settings, null, null), cancellationToken);
        }
        catch (NotFoundException)
        {
            await instances.AddAsync(
                new InstanceDraft(DemoMode.InstanceId, GitHubPlugin.Kind, "Demo GitHub", settings, TimeSpan.FromSeconds(5), WatchSelection.Everything),
                cancellationToken);
        }

        // The emulator pushes signed webhooks once the server listens, so the demo is live within a second.
        lifetime.ApplicationStarted.Register(SubscribeWebhooks);
        LogStarted(_emulator.ApiBaseUrl);
    }

    private void SubscribeWebhooks()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (_emulator is null || address is null || !Uri.TryCreate(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal), UriKind.Absolute, out var baseUrl))
        {
            return;
        }

        _emulator.Webhooks.Subscribe(new Uri(baseUrl, $"/hooks/{DemoMode.InstanceId}"), DemoWebhookSecret);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_activity is not null)
        {
            await _activity.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo mode: GitHub emulator at {BaseUrl}, watched as instance 'demo-github'")]
    private partial void LogStarted(Uri baseUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo mode: {Count} extra pipelines seeded")]
    private partial void LogScaled(int count);
}
