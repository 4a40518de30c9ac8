using FlowForge.Abstractions.Domain;
using FlowForge.Emulators.Jenkins;

namespace FlowForge.Providers.Jenkins.Tests.Infrastructure;

/// <summary>
/// A started <see cref="JenkinsEmulator"/> and a provider connection to it over real HTTP. The emulator accepts the test
/// token for <see cref="JenkinsTestHost.User"/>.
/// </summary>
internal sealed class EmulatedJenkins : IAsyncDisposable
{
    private EmulatedJenkins(JenkinsTestHost host, JenkinsEmulator emulator, string? folders)
    {
        Host = host;
        Emulator = emulator;
        Connection = host.Connect(emulator.BaseUrl, folders);
    }

    public JenkinsTestHost Host { get; }

    public JenkinsEmulator Emulator { get; }

    public JenkinsConnection Connection { get; }

    public JenkinsScenario Scenario => Emulator.Scenario;

    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <param name="configure">Changes to the emulator's options (the test user is always added).</param>
    public static async Task<EmulatedJenkins> StartAsync(
        Func<JenkinsEmulatorOptions, JenkinsEmulatorOptions>? configure = null, TimeProvider? providerClock = null, string? folders = null)
    {
        var host = new JenkinsTestHost(providerClock);
        try
        {
            var options = new JenkinsEmulatorOptions { Users = new Dictionary<string, string> { [JenkinsTestHost.User] = JenkinsTestHost.Token } };
            var emulator = await JenkinsEmulator.StartAsync(configure?.Invoke(options) ?? options, Cancel);
            return new EmulatedJenkins(host, emulator, folders);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public static JenkinsBuildSpec Commit(string message = "Fix the build", IReadOnlyDictionary<string, string>? parameters = null) =>
        new(message, "Ada Lovelace", "ada@example.com", UserId: JenkinsTestHost.User, Parameters: parameters);

    /// <summary>The pipeline as discovery reports it.</summary>
    public async Task<Pipeline> PipelineAsync(string fullName)
    {
        var source = (await Connection.ListSourcesAsync(Cancel)).Single(candidate => candidate.Id == fullName);
        return Assert.Single(await Connection.ListPipelinesAsync([source], Cancel));
    }

    /// <summary>The requests (method and path with query) the emulator received, in order.</summary>
    public IReadOnlyList<string> RequestLines() => [.. Emulator.Requests.Snapshot().Select(request => $"{request.Method} {request.PathAndQuery}")];

    public void ClearRequests() => Emulator.Requests.Clear();

    /// <summary>A provider failure's text, inner exceptions included, must never carry the token.</summary>
    public static void AssertNoToken(Exception exception) =>
        Assert.DoesNotContain(JenkinsTestHost.Token, exception.ToString(), StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Host.Dispose();
    }
}
