using FlowForge.Emulators.GitLab;
using FlowForge.Providers.GitLab;

namespace FlowForge.Server.Demo.Backends;

/// <summary>The demo's GitLab: groups with subgroups, manual jobs and CI inputs, pushing pipeline and job events.</summary>
internal sealed class GitLabDemoBackend(GitLabEmulator emulator) : IDemoBackend
{
    public const string InstanceId = "demo-gitlab";
    private const string Token = "demo-gitlab-token";
    private const string WebhookSecret = "demo-gitlab-webhook-secret";

    public DemoInstance Instance { get; } = new(
        InstanceId,
        GitLabPlugin.Kind,
        "Demo GitLab",
        new Dictionary<string, string?>
        {
            ["baseUrl"] = emulator.ApiBaseUrl.ToString(),
            ["token"] = Token,
            ["webhookSecret"] = WebhookSecret,
        });

    public Uri BaseUrl => emulator.ApiBaseUrl;

    public static async Task<IDemoBackend> StartAsync(DemoSetup setup, CancellationToken cancellationToken)
    {
        var emulator = await GitLabEmulator.StartAsync(
            new GitLabEmulatorOptions { TimeProvider = setup.Time, Tokens = new Dictionary<string, string> { [Token] = "root" } },
            cancellationToken);
        GitLabDemoScenario.Seed(emulator);
        return new GitLabDemoBackend(emulator);
    }

    public Task RunAsync(TimeProvider time, CancellationToken cancellationToken) => GitLabDemoScenario.RunAsync(emulator, time, cancellationToken);

    public void SubscribeWebhooks(Uri hookUrl) => emulator.Webhooks.Subscribe(hookUrl, WebhookSecret);

    public ValueTask DisposeAsync() => emulator.DisposeAsync();
}
