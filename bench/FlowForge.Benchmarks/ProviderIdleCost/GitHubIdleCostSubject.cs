using FlowForge.Emulators.GitHub;

namespace FlowForge.Benchmarks.ProviderIdleCost;

/// <summary>GitHub: one repository per pipeline; a 304 answer costs nothing, as on GitHub.</summary>
internal sealed class GitHubIdleCostSubject(GitHubEmulator emulator) : IIdleCostSubject
{
    private const string Token = "bench-github-token-not-real";

    public string Provider => "GitHub Actions";

    public string Kind => "github";

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["baseUrl"] = emulator.ApiBaseUrl.ToString(), ["token"] = Token };

    public static async Task<IIdleCostSubject> StartAsync(int pipelines)
    {
        var emulator = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions
        {
            Tokens = new Dictionary<string, string> { [Token] = "octocat" },
            RateLimitPerHour = 1_000_000,
        });
        for (var index = 0; index < pipelines; index++)
        {
            emulator.Scenario.AddRepository("bench-org", $"repo-{index:000}");
            var workflow = emulator.Scenario.AddWorkflow($"bench-org/repo-{index:000}", "CI", ".github/workflows/ci.yml");
            for (var run = 0; run < IdleCostSeed.RunsPerPipeline; run++)
            {
                var started = emulator.Scenario.StartRun(workflow.Id, new RunSpec("main", $"Change {index}.{run}", "Bench Author", "bench@example.com", "bench"));
                emulator.Scenario.BeginRun(started.Id);
                emulator.Scenario.CompleteRun(started.Id, "success");
            }
        }

        return new GitHubIdleCostSubject(emulator);
    }

    public void AddProvider(IServiceCollection services) => services.AddGitHubProvider();

    public int RequestMark() => emulator.Requests.Snapshot().Count;

    public (int Requests, int Costly) RequestsSince(int mark)
    {
        var requests = emulator.Requests.Snapshot().Skip(mark).ToList();
        return (requests.Count, requests.Count(request => request.CostRateLimit));
    }

    public ValueTask DisposeAsync() => emulator.DisposeAsync();
}
