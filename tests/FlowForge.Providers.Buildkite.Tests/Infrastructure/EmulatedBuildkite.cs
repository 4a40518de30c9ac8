using FlowForge.Abstractions.Domain;
using FlowForge.Emulators.Buildkite;

namespace FlowForge.Providers.Buildkite.Tests.Infrastructure;

/// <summary>A Buildkite emulator with one organization and the provider connected to it, for HTTP-level tests.</summary>
internal sealed class EmulatedBuildkite : IAsyncDisposable
{
    public const string Organization = "acme-inc";

    private EmulatedBuildkite(BuildkiteEmulator emulator, BuildkiteTestHost host)
    {
        Emulator = emulator;
        Host = host;
        Connection = host.Connect(emulator.ApiBaseUrl, Organization);
    }

    public BuildkiteEmulator Emulator { get; }

    public BuildkiteTestHost Host { get; }

    public BuildkiteConnection Connection { get; }

    public BuildkiteScenario Scenario => Emulator.Scenario;

    public static async Task<EmulatedBuildkite> StartAsync(Func<BuildkiteEmulatorOptions, BuildkiteEmulatorOptions>? configure = null, IReadOnlyList<string>? scopes = null)
    {
        var options = new BuildkiteEmulatorOptions
        {
            Tokens = new Dictionary<string, BuildkiteToken> { [BuildkiteTestHost.Token] = new("Ada Lovelace", "ada@example.com", scopes) },
            UserRateLimitPerMinute = 10_000,
            OrganizationRateLimitPerMinute = 10_000,
        };
        var emulator = await BuildkiteEmulator.StartAsync(configure?.Invoke(options) ?? options, TestContext.Current.CancellationToken);
        emulator.Scenario.AddOrganization(Organization);
        return new EmulatedBuildkite(emulator, new BuildkiteTestHost());
    }

    /// <summary>A pipeline upstream and as the provider lists it.</summary>
    public Pipeline AddPipeline(string name, IReadOnlyList<BuildkiteStep>? steps = null, IReadOnlyDictionary<string, string>? env = null)
    {
        var pipeline = Scenario.AddPipeline(Organization, name, steps, env);
        return BuildkiteTestHost.Pipeline(Organization, pipeline.Slug, pipeline.Name);
    }

    public BuildkiteBuild Start(Pipeline pipeline, string message = "Change") =>
        Scenario.StartBuild(Organization, pipeline.Key.NativeId, new BuildkiteBuildSpec("main", message, "Ada Lovelace", "ada@example.com"));

    public int Mark() => Emulator.Requests.Snapshot().Count;

    public IReadOnlyList<BuildkiteRecordedRequest> Since(int mark) => [.. Emulator.Requests.Snapshot().Skip(mark)];

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Host.Dispose();
    }
}
