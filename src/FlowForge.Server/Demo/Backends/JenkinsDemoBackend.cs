using FlowForge.Emulators.Jenkins;
using FlowForge.Providers.Jenkins;

namespace FlowForge.Server.Demo.Backends;

/// <summary>The demo's Jenkins: folders, a multibranch project and parameterised jobs; core Jenkins has no webhooks.</summary>
internal sealed class JenkinsDemoBackend(JenkinsEmulator emulator) : IDemoBackend
{
    public const string InstanceId = "demo-jenkins";
    private const string User = "demo";
    private const string Token = "demo-jenkins-token";

    public DemoInstance Instance { get; } = new(
        InstanceId,
        JenkinsPlugin.Kind,
        "Demo Jenkins",
        new Dictionary<string, string?>
        {
            ["baseUrl"] = emulator.BaseUrl.ToString(),
            ["username"] = User,
            ["token"] = Token,
        });

    public Uri BaseUrl => emulator.BaseUrl;

    public static async Task<IDemoBackend> StartAsync(DemoSetup setup, CancellationToken cancellationToken)
    {
        var emulator = await JenkinsEmulator.StartAsync(
            new JenkinsEmulatorOptions { TimeProvider = setup.Time, Users = new Dictionary<string, string> { [User] = Token } },
            cancellationToken);
        JenkinsDemoScenario.Seed(emulator);
        return new JenkinsDemoBackend(emulator);
    }

    public Task RunAsync(TimeProvider time, CancellationToken cancellationToken) => JenkinsDemoScenario.RunAsync(emulator, time, cancellationToken);

    /// <summary>Core Jenkins cannot push: FlowForge polls it, cheaply (one request per job and cycle at most).</summary>
    public void SubscribeWebhooks(Uri hookUrl)
    {
    }

    public ValueTask DisposeAsync() => emulator.DisposeAsync();
}
