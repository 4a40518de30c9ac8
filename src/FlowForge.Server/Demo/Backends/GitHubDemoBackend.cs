using FlowForge.Emulators.GitHub;
using FlowForge.Providers.GitHub;

namespace FlowForge.Server.Demo.Backends;

/// <summary>The demo's GitHub: the emulator with its demo scenario (and the extra pipelines of <c>--demo-pipelines</c>).</summary>
internal sealed class GitHubDemoBackend(GitHubEmulator emulator) : IDemoBackend
{
    private const string Token = "demo-github-token";
    private const string WebhookSecret = "demo-github-webhook-secret";

    public DemoInstance Instance { get; } = new(
        DemoMode.InstanceId,
        GitHubPlugin.Kind,
        "Demo GitHub",
        new Dictionary<string, string?>
        {
            ["baseUrl"] = emulator.ApiBaseUrl.ToString(),
            ["token"] = Token,
            ["webhookSecret"] = WebhookSecret,
        });

    public Uri BaseUrl => emulator.ApiBaseUrl;

    public static async Task<IDemoBackend> StartAsync(DemoSetup setup, CancellationToken cancellationToken)
    {
        var emulator = await GitHubEmulator.StartAsync(
            new GitHubEmulatorOptions { TimeProvider = setup.Time, Tokens = new Dictionary<string, string> { [Token] = "octocat" } },
            cancellationToken);
        GitHubDemoScenario.Seed(emulator);
        if (setup.ExtraPipelines > 0)
        {
            GitHubDemoScenario.SeedMany(emulator, setup.ExtraPipelines);
        }

        return new GitHubDemoBackend(emulator);
    }

    public Task RunAsync(TimeProvider time, CancellationToken cancellationToken) => GitHubDemoScenario.RunAsync(emulator, time, cancellationToken);

    public void SubscribeWebhooks(Uri hookUrl) => emulator.Webhooks.Subscribe(hookUrl, WebhookSecret);

    public ValueTask DisposeAsync() => emulator.DisposeAsync();
}
