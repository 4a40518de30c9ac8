using FlowForge.Emulators.Jenkins;

namespace FlowForge.Benchmarks.ProviderIdleCost;

/// <summary>Jenkins: Pipeline jobs in one folder; Jenkins has no rate limit, so every request is load on the controller.</summary>
internal sealed class JenkinsIdleCostSubject(JenkinsEmulator emulator) : IIdleCostSubject
{
    private const string User = "bench";
    private const string Token = "bench-jenkins-token-not-real";

    public string Provider => "Jenkins";

    public string Kind => "jenkins";

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["baseUrl"] = emulator.BaseUrl.ToString(),
        ["username"] = User,
        ["token"] = Token,
    };

    public static async Task<IIdleCostSubject> StartAsync(int pipelines)
    {
        var emulator = await JenkinsEmulator.StartAsync(new JenkinsEmulatorOptions { Users = new Dictionary<string, string> { [User] = Token } });
        emulator.Scenario.AddFolder("bench");
        for (var index = 0; index < pipelines; index++)
        {
            var job = emulator.Scenario.AddPipelineJob($"bench/service-{index:000}");
            for (var run = 0; run < IdleCostSeed.RunsPerPipeline; run++)
            {
                emulator.Scenario.AddCompletedBuild(
                    job.FullName,
                    new JenkinsBuildSpec($"Change {index}.{run}", "Bench Author", "bench@example.com", UserId: User),
                    JenkinsResult.Success,
                    IdleCostSeed.StartOf(index, run),
                    TimeSpan.FromMinutes(2));
            }
        }

        return new JenkinsIdleCostSubject(emulator);
    }

    public void AddProvider(IServiceCollection services) => services.AddJenkinsProvider();

    public int RequestMark() => emulator.Requests.Snapshot().Count;

    public (int Requests, int Costly) RequestsSince(int mark)
    {
        var requests = emulator.Requests.Snapshot().Skip(mark).ToList();
        return (requests.Count, requests.Count(request => request.Costly));
    }

    public ValueTask DisposeAsync() => emulator.DisposeAsync();
}
