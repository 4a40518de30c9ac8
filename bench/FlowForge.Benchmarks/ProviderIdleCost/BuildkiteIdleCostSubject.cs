using FlowForge.Emulators.Buildkite;

namespace FlowForge.Benchmarks.ProviderIdleCost;

/// <summary>Buildkite: pipelines of one organization; every request counts, 304s included.</summary>
internal sealed class BuildkiteIdleCostSubject(BuildkiteEmulator emulator) : IIdleCostSubject
{
    private const string Token = "bench-buildkite-token-not-real";
    private const string Organization = "bench-org";

    public string Provider => "Buildkite";

    public string Kind => "buildkite";

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["baseUrl"] = emulator.ApiBaseUrl.ToString(),
        ["token"] = Token,
        ["organization"] = Organization,
    };

    public static async Task<IIdleCostSubject> StartAsync(int pipelines)
    {
        var emulator = await BuildkiteEmulator.StartAsync(new BuildkiteEmulatorOptions
        {
            Tokens = new Dictionary<string, BuildkiteToken> { [Token] = new("Bench Author", "bench@example.com") },
            OrganizationRateLimitPerMinute = 1_000_000,
            UserRateLimitPerMinute = 1_000_000,
        });
        emulator.Scenario.AddOrganization(Organization);
        for (var index = 0; index < pipelines; index++)
        {
            var pipeline = emulator.Scenario.AddPipeline(Organization, $"Service {index:000}");
            for (var run = 0; run < IdleCostSeed.RunsPerPipeline; run++)
            {
                emulator.Scenario.AddFinishedBuild(
                    Organization,
                    pipeline.Slug,
                    new BuildkiteBuildSpec("main", $"Change {index}.{run}", "Bench Author", "bench@example.com"),
                    passed: true,
                    IdleCostSeed.StartOf(index, run),
                    TimeSpan.FromMinutes(2));
            }
        }

        return new BuildkiteIdleCostSubject(emulator);
    }

    public void AddProvider(IServiceCollection services) => services.AddBuildkiteProvider();

    public int RequestMark() => emulator.Requests.Snapshot().Count;

    public (int Requests, int Costly) RequestsSince(int mark)
    {
        var requests = emulator.Requests.Snapshot().Skip(mark).ToList();
        return (requests.Count, requests.Count(request => request.Costly));
    }

    public ValueTask DisposeAsync() => emulator.DisposeAsync();
}
