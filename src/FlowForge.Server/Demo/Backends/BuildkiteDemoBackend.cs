using FlowForge.Emulators.Buildkite;
using FlowForge.Providers.Buildkite;

namespace FlowForge.Server.Demo.Backends;

/// <summary>The demo's Buildkite: one organization with wait and block steps, pushing signed build and job events.</summary>
internal sealed class BuildkiteDemoBackend(BuildkiteEmulator emulator) : IDemoBackend
{
    public const string InstanceId = "demo-buildkite";
    private const string Token = "demo-buildkite-token";
    private const string WebhookSecret = "demo-buildkite-webhook-secret";

    public DemoInstance Instance { get; } = new(
        InstanceId,
        BuildkitePlugin.Kind,
        "Demo Buildkite",
        new Dictionary<string, string?>
        {
            ["baseUrl"] = emulator.ApiBaseUrl.ToString(),
            ["token"] = Token,
            ["organization"] = BuildkiteDemoScenario.Organization,
            ["webhookSecret"] = WebhookSecret,
        });

    public Uri BaseUrl => emulator.ApiBaseUrl;

    public static async Task<IDemoBackend> StartAsync(DemoSetup setup, CancellationToken cancellationToken)
    {
        // Buildkite's real limit (50 requests a minute per user) is for one person's token; the demo's five-second refresh
        // and a dashboard full of people clicking would hit it, which is not what the demo is meant to show.
        var emulator = await BuildkiteEmulator.StartAsync(
            new BuildkiteEmulatorOptions
            {
                TimeProvider = setup.Time,
                Tokens = new Dictionary<string, BuildkiteToken> { [Token] = new("Demo User", "demo@example.com") },
                UserRateLimitPerMinute = 1_000,
                OrganizationRateLimitPerMinute = 2_000,
            },
            cancellationToken);
        BuildkiteDemoScenario.Seed(emulator);
        return new BuildkiteDemoBackend(emulator);
    }

    public Task RunAsync(TimeProvider time, CancellationToken cancellationToken) => BuildkiteDemoScenario.RunAsync(emulator, time, cancellationToken);

    public void SubscribeWebhooks(Uri hookUrl) => emulator.Webhooks.Subscribe(hookUrl, WebhookSecret);

    public ValueTask DisposeAsync() => emulator.DisposeAsync();
}
