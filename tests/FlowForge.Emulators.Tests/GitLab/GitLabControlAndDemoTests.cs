using System.Net;
using System.Text;
using FlowForge.Emulators.GitLab;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Emulators.Tests.GitLab;

/// <summary>Scripting over <c>/api/v4/_emulator</c>, and the demo scenario.</summary>
public sealed class GitLabControlAndDemoTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_shell_can_script_projects_pipelines_faults_and_read_the_request_log()
    {
        await using var emulator = await GitLabClient.StartAsync();
        using var control = new HttpClient { BaseAddress = emulator.ApiBaseUrl };
        using var api = GitLabClient.Create(emulator);

        var project = await Post(control, "_emulator/projects", """{"namespace":"acme/platform","path":"api","ciFile":"build:\n  script: make\n"}""");
        var id = System.Text.Json.JsonDocument.Parse(project.Body).RootElement.GetProperty("id").GetInt64();
        var pipeline = await Post(control, "_emulator/pipelines", $$"""{"projectId":{{id}},"ref":"main","commitMessage":"Hi"}""");
        var pipelineId = System.Text.Json.JsonDocument.Parse(pipeline.Body).RootElement.GetProperty("id").GetInt64();
        var begun = await Post(control, $"_emulator/pipelines/{pipelineId}/begin", "{}");
        var completed = await Post(control, $"_emulator/pipelines/{pipelineId}/complete", """{"status":"failed"}""");
        var unknown = await Post(control, "_emulator/pipelines/999/begin", "{}");
        var fault = await Post(control, "_emulator/faults", """{"kind":"throttled","retryAfterSeconds":5}""");
        using var throttled = await api.GetAsync("projects", Cancel);
        var requests = await control.GetStringAsync("_emulator/requests", Cancel);

        Assert.Equal(HttpStatusCode.Created, project.Status);
        Assert.Equal(HttpStatusCode.Created, pipeline.Status);
        Assert.Equal(HttpStatusCode.OK, begun.Status);
        Assert.Contains("\"status\":\"failed\"", completed.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(HttpStatusCode.NoContent, fault.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Contains("\"fault\":\"throttled\"", requests, StringComparison.Ordinal);
        Assert.DoesNotContain("_emulator", requests, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_makes_groups_with_subgroups_and_finished_history_of_every_kind()
    {
        await using var emulator = await GitLabClient.StartAsync();

        GitLabDemoScenario.Seed(emulator);

        var projects = emulator.Scenario.Projects();
        Assert.Equal(5, projects.Count);
        Assert.Contains(projects, project => project.NamespacePath == "acme/platform");
        var history = projects.SelectMany(project => emulator.Scenario.Pipelines(project.Id)).ToList();
        Assert.All(history, pipeline => Assert.True(pipeline.IsFinished, $"{pipeline.Id} is {pipeline.Status}"));
        Assert.Superset(new HashSet<string> { "success", "failed", "canceled" }, history.Select(pipeline => pipeline.Status).ToHashSet());
        Assert.True(history.Select(pipeline => pipeline.Ref).Distinct().Count() > 2, "refs vary");
        Assert.True(history.Select(pipeline => pipeline.Commit.AuthorName).Distinct().Count() > 2, "authors vary");
        using var client = GitLabClient.Create(emulator);
        var file = await client.GetStringAsync("projects/acme%2Fplatform%2Fapi/repository/files/.gitlab-ci.yml/raw?ref=main", Cancel);
        Assert.Contains("spec:", file, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_keeps_pipelines_starting_progressing_and_finishing()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await GitLabClient.StartAsync(clock);
        GitLabDemoScenario.Seed(emulator);
        var seeded = emulator.Scenario.Projects().Sum(project => emulator.Scenario.Pipelines(project.Id).Count);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);

        var running = GitLabDemoScenario.RunAsync(emulator, clock, stop.Token);
        for (var second = 0; second < 240; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(2, Cancel);
        }

        await stop.CancelAsync();
        await running;
        var live = emulator.Scenario.Projects().SelectMany(project => emulator.Scenario.Pipelines(project.Id)).Skip(0).ToList();
        Assert.True(live.Count > seeded + 10, $"{live.Count - seeded} pipelines started");
        Assert.Contains(live, pipeline => pipeline.IsFinished && pipeline.CreatedAt > clock.GetUtcNow().AddMinutes(-5));
    }

    private static async Task<(HttpStatusCode Status, string Body)> Post(HttpClient client, string path, string json)
    {
        using var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Cancel);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Cancel));
    }
}
