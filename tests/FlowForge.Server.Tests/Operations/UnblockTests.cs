using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using FlowForge.Abstractions.Domain;
using FlowForge.Emulators.GitLab;
using FlowForge.Server.Contracts;
using FlowForge.Server.Tests.Infrastructure;

namespace FlowForge.Server.Tests.Operations;

/// <summary>Letting a job that waits for a person go on, through the API, against the GitLab emulator over HTTP.</summary>
public sealed class UnblockTests
{
    private const string Token = "unblock-token-not-real";
    private const string CiFile = """
        build:
          stage: build
          script: make
        deploy:
          stage: deploy
          script: ./deploy
          when: manual
          allow_failure: false
        """;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_waiting_manual_job_is_played_and_a_job_that_does_not_wait_is_refused_with_409()
    {
        await using var gitlab = await GitLabEmulator.StartAsync(new GitLabEmulatorOptions { Tokens = new Dictionary<string, string> { [Token] = "root" } }, Cancel);
        var project = gitlab.Scenario.AddProject("acme", "shop", ciFile: CiFile);
        var upstream = gitlab.Scenario.StartPipeline(project.Id, new PipelineSpec("main", "Ship it", "Ada", "ada@example.com", "root"));
        gitlab.Scenario.BeginPipeline(upstream.Id);
        gitlab.Scenario.AdvancePipeline(upstream.Id);
        await using var app = new FlowForgeApp();
        var api = new ApiClient(app.CreateClient());
        using (var added = await api.Client.PostAsJsonAsync(
            "/api/v1/instances", new { id = "lab", kind = "gitlab", settings = new Dictionary<string, string> { ["baseUrl"] = gitlab.ApiBaseUrl.ToString(), ["token"] = Token } }, Cancel))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        await api.SyncAsync("lab");
        var pipeline = $"lab/{project.Id.ToString(CultureInfo.InvariantCulture)}";
        var runId = upstream.Id.ToString(CultureInfo.InvariantCulture);
        var detail = await api.RunAsync(pipeline, runId);
        Assert.Equal(RunStatus.Waiting, detail.Run.Status);
        var deploy = detail.Jobs.Single(job => job.Name == "deploy");
        var build = detail.Jobs.Single(job => job.Name == "build");

        using var played = await api.Client.PostAsJsonAsync($"/api/v1/pipelines/{pipeline}/runs/{runId}/jobs/{deploy.Id}/unblock", new { }, Cancel);
        using var refused = await api.Client.PostAsJsonAsync($"/api/v1/pipelines/{pipeline}/runs/{runId}/jobs/{build.Id}/unblock", new { }, Cancel);

        Assert.Equal(HttpStatusCode.Accepted, played.StatusCode);
        Assert.Equal(GitLabStatus.Pending, gitlab.Scenario.GetPipeline(upstream.Id).LatestJobs.Single(job => job.Name == "deploy").Status);
        var problem = await ApiClient.ProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Contains("not waiting", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var audit = await api.GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit?action=job.unblock");
        Assert.Equal([409, 202], audit.Items.Select(entry => entry.StatusCode));
    }
}
