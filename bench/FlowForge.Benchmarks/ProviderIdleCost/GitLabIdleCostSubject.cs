using FlowForge.Emulators.GitLab;

namespace FlowForge.Benchmarks.ProviderIdleCost;

/// <summary>GitLab: one project per pipeline in one group; every answered request counts against the throttle.</summary>
internal sealed class GitLabIdleCostSubject(GitLabEmulator emulator) : IIdleCostSubject
{
    private const string Token = "bench-gitlab-token-not-real";

    public string Provider => "GitLab CI";

    public string Kind => "gitlab";

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["baseUrl"] = emulator.ApiBaseUrl.ToString(), ["token"] = Token };

    public static async Task<IIdleCostSubject> StartAsync(int pipelines)
    {
        var emulator = await GitLabEmulator.StartAsync(new GitLabEmulatorOptions
        {
            Tokens = new Dictionary<string, string> { [Token] = "root" },
            RateLimitPerMinute = 1_000_000,
        });
        for (var index = 0; index < pipelines; index++)
        {
            var project = emulator.Scenario.AddProject("bench-group", $"service-{index:000}");
            for (var run = 0; run < IdleCostSeed.RunsPerPipeline; run++)
            {
                emulator.Scenario.AddCompletedPipeline(
                    project.Id,
                    new PipelineSpec("main", $"Change {index}.{run}", "Bench Author", "bench@example.com", "root"),
                    GitLabStatus.Success,
                    IdleCostSeed.StartOf(index, run),
                    TimeSpan.FromMinutes(2));
            }
        }

        return new GitLabIdleCostSubject(emulator);
    }

    public void AddProvider(IServiceCollection services) => services.AddGitLabProvider();

    public int RequestMark() => emulator.Requests.Snapshot().Count;

    public (int Requests, int Costly) RequestsSince(int mark)
    {
        var requests = emulator.Requests.Snapshot().Skip(mark).ToList();
        return (requests.Count, requests.Count(request => request.CostRateLimit));
    }

    public ValueTask DisposeAsync() => emulator.DisposeAsync();
}
