using System.Net;
using System.Text.Json;
using FlowForge.Emulators.GitLab;

namespace FlowForge.Emulators.Tests.GitLab;

/// <summary>Pipelines and jobs through the REST API: lifecycle, logs, creation with inputs, retry, play and cancel.</summary>
public sealed class GitLabPipelineTests
{
    private const string ManualCi = """
        spec:
          inputs:
            environment:
              options: [staging, production]
              default: staging
            replicas:
              type: number
              default: 2
            version:
              regex: ^v\d+$
        ---
        stages: [build, deploy]
        build:
          stage: build
          script: make
        .hidden:
          script: never
        deploy:
          stage: deploy
          script: ./deploy
          when: manual
          allow_failure: false
        """;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pipeline_goes_pending_running_success_with_its_jobs_and_growing_log()
    {
        await using var emulator = await GitLabClient.StartAsync();
        var project = emulator.Scenario.AddProject("acme", "app");
        using var client = GitLabClient.Create(emulator);
        var pipeline = emulator.Scenario.StartPipeline(project.Id, GitLabClient.Push("Ship it"));

        var pending = await client.GetJsonAsync($"projects/{project.Id}/pipelines/{pipeline.Id}");
        emulator.Scenario.BeginPipeline(pipeline.Id);
        var listed = await client.GetJsonAsync($"projects/{project.Id}/pipelines");
        var jobs = await client.GetJsonAsync($"projects/{project.Id}/pipelines/{pipeline.Id}/jobs");
        var buildId = jobs.EnumerateArray().Single(job => job.GetProperty("name").GetString() == "build").GetProperty("id").GetInt64();
        var log = await (await client.GetAsync($"projects/{project.Id}/jobs/{buildId}/trace", Cancel)).Content.ReadAsStringAsync(Cancel);
        emulator.Scenario.CompletePipeline(pipeline.Id, GitLabStatus.Success);
        var done = await client.GetJsonAsync($"projects/{project.Id}/pipelines/{pipeline.Id}");

        Assert.Equal("pending", pending.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("started_at").ValueKind);
        Assert.Equal("ada", pending.GetProperty("user").GetProperty("username").GetString());
        var item = Assert.Single(listed.EnumerateArray());
        Assert.Equal(["id", "iid", "project_id", "sha", "ref", "status", "source", "created_at", "updated_at", "web_url", "name"], item.EnumerateObject().Select(property => property.Name));
        Assert.Equal("running", item.GetProperty("status").GetString());
        Assert.Equal(["test", "build"], jobs.EnumerateArray().Select(job => job.GetProperty("name").GetString()));
        Assert.Equal(["created", "running"], jobs.EnumerateArray().Select(job => job.GetProperty("status").GetString()));
        Assert.Equal("Ship it", jobs[0].GetProperty("commit").GetProperty("message").GetString());
        Assert.Equal("Ada Lovelace", jobs[0].GetProperty("commit").GetProperty("author_name").GetString());
        Assert.Equal(pipeline.Id, jobs[0].GetProperty("pipeline").GetProperty("id").GetInt64());
        Assert.StartsWith("Running with gitlab-runner", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Job succeeded", log, StringComparison.Ordinal);
        Assert.Equal("success", done.GetProperty("status").GetString());
        Assert.Equal("success", done.GetProperty("detailed_status").GetProperty("group").GetString());
        Assert.Equal(JsonValueKind.Number, done.GetProperty("duration").ValueKind);
    }

    [Fact]
    public async Task The_list_filters_by_ref_and_leaves_child_pipelines_out()
    {
        await using var emulator = await GitLabClient.StartAsync();
        var project = emulator.Scenario.AddProject("acme", "app");
        emulator.Scenario.StartPipeline(project.Id, GitLabClient.Push(gitRef: "main"));
        emulator.Scenario.StartPipeline(project.Id, GitLabClient.Push(gitRef: "feature"));
        emulator.Scenario.StartPipeline(project.Id, GitLabClient.Push() with { Source = "parent_pipeline" });
        using var client = GitLabClient.Create(emulator);

        var all = await client.GetJsonAsync($"projects/{project.Id}/pipelines");
        var main = await client.GetJsonAsync($"projects/{project.Id}/pipelines?ref=main");
        var children = await client.GetJsonAsync($"projects/{project.Id}/pipelines?source=parent_pipeline");

        Assert.Equal(["feature", "main"], all.EnumerateArray().Select(pipeline => pipeline.GetProperty("ref").GetString()));
        Assert.Single(main.EnumerateArray());
        Assert.Single(children.EnumerateArray());
    }

    [Fact]
    public async Task Jobs_come_from_the_CI_file_and_a_blocking_manual_job_halts_the_pipeline_until_played()
    {
        await using var emulator = await GitLabClient.StartAsync();
        var project = emulator.Scenario.AddProject("acme", "app", ciFile: ManualCi);
        using var client = GitLabClient.Create(emulator);
        var pipeline = emulator.Scenario.StartPipeline(project.Id, GitLabClient.Push());
        emulator.Scenario.BeginPipeline(pipeline.Id);
        emulator.Scenario.AdvancePipeline(pipeline.Id);

        var halted = await client.GetJsonAsync($"projects/{project.Id}/pipelines/{pipeline.Id}");
        var deploy = emulator.Scenario.GetPipeline(pipeline.Id).LatestJobs.Single(job => job.Name == "deploy");
        var build = emulator.Scenario.GetPipeline(pipeline.Id).LatestJobs.Single(job => job.Name == "build");
        var unplayable = await client.PostJsonAsync($"projects/{project.Id}/jobs/{build.Id}/play");
        var played = await client.PostJsonAsync($"projects/{project.Id}/jobs/{deploy.Id}/play");
        var after = await client.GetJsonAsync($"projects/{project.Id}/pipelines/{pipeline.Id}");

        Assert.Equal(["build", "deploy"], emulator.Scenario.GetPipeline(pipeline.Id).Jobs.Select(job => job.Name));
        Assert.Equal("manual", halted.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unplayable.Status);
        Assert.Equal("400 Bad request - Unplayable Job", unplayable.Body.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, played.Status);
        Assert.Equal("pending", played.Body.GetProperty("status").GetString());
        Assert.Equal("running", after.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Creating_a_pipeline_checks_the_ref_and_the_inputs_and_records_what_came()
    {
        await using var emulator = await GitLabClient.StartAsync();
        var project = emulator.Scenario.AddProject("acme", "app", ciFile: ManualCi);
        using var client = GitLabClient.Create(emulator);

        var noRef = await client.PostJsonAsync($"projects/{project.Id}/pipeline", "{}");
        var unknownRef = await client.PostJsonAsync($"projects/{project.Id}/pipeline?ref=nope");
        var badInputs = await client.PostJsonAsync($"projects/{project.Id}/pipeline", """{"ref":"main","inputs":{"environment":"moon","replicas":"3","version":"1.0","extra":1}}""");
        var created = await client.PostJsonAsync(
            "projects/acme%2Fapp/pipeline", """{"ref":"main","inputs":{"environment":"production","replicas":3,"version":"v1"},"variables":[{"key":"NOTE","value":"hi"}]}""");

        Assert.Equal((HttpStatusCode.BadRequest, "ref is missing"), (noRef.Status, noRef.Body.GetProperty("error").GetString()));
        Assert.Equal(["Reference not found"], Base(unknownRef.Body));
        Assert.Equal(
            [
                "Unknown input: extra",
                "`environment` input: `moon` cannot be used because it is not in the list of allowed options",
                "`replicas` input: provided value is not a number",
                "`version` input: provided value does not match required RegEx pattern",
            ],
            Base(badInputs.Body));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(("api", "pending", "root"), (created.Body.GetProperty("source").GetString(), created.Body.GetProperty("status").GetString(), created.Body.GetProperty("user").GetProperty("username").GetString()));
        var triggers = emulator.Scenario.Triggers();
        Assert.Equal(3, triggers.Count);
        Assert.All(triggers.Take(2), trigger => Assert.Null(trigger.PipelineId));
        Assert.Equal(new Dictionary<string, string> { ["environment"] = "production", ["replicas"] = "3", ["version"] = "v1", ["NOTE"] = "hi" }, triggers[^1].Values());
        Assert.Equal(created.Body.GetProperty("id").GetInt64(), triggers[^1].PipelineId);
    }

    [Fact]
    public async Task Retry_makes_new_tries_of_failed_jobs_and_cancel_answers_200_whatever_the_state()
    {
        await using var emulator = await GitLabClient.StartAsync();
        var project = emulator.Scenario.AddProject("acme", "app");
        using var client = GitLabClient.Create(emulator);
        var failed = emulator.Scenario.StartPipeline(project.Id, GitLabClient.Push());
        emulator.Scenario.BeginPipeline(failed.Id);
        emulator.Scenario.CompletePipeline(failed.Id, GitLabStatus.Failed);
        var running = emulator.Scenario.StartPipeline(project.Id, GitLabClient.Push());
        emulator.Scenario.BeginPipeline(running.Id);

        var retried = await client.PostJsonAsync($"projects/{project.Id}/pipelines/{failed.Id}/retry");
        var latest = await client.GetJsonAsync($"projects/{project.Id}/pipelines/{failed.Id}/jobs");
        var everything = await client.GetJsonAsync($"projects/{project.Id}/pipelines/{failed.Id}/jobs?include_retried=true");
        var cancelled = await client.PostJsonAsync($"projects/{project.Id}/pipelines/{running.Id}/cancel");
        var cancelledAgain = await client.PostJsonAsync($"projects/{project.Id}/pipelines/{running.Id}/cancel");
        var notRetryable = await client.PostJsonAsync($"projects/{project.Id}/jobs/{latest[0].GetProperty("id").GetInt64()}/retry");

        Assert.Equal((HttpStatusCode.Created, "pending"), (retried.Status, retried.Body.GetProperty("status").GetString()));
        Assert.Equal(2, latest.GetArrayLength());
        Assert.Equal(3, everything.GetArrayLength());
        Assert.Equal((HttpStatusCode.OK, "canceled"), (cancelled.Status, cancelled.Body.GetProperty("status").GetString()));
        Assert.Equal((HttpStatusCode.OK, "canceled"), (cancelledAgain.Status, cancelledAgain.Body.GetProperty("status").GetString()));
        Assert.Equal((HttpStatusCode.Forbidden, "403 Forbidden - Job is not retryable"), (notRetryable.Status, notRetryable.Body.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task History_seeded_as_succeeded_went_through_its_manual_gate()
    {
        await using var emulator = await GitLabClient.StartAsync();
        var project = emulator.Scenario.AddProject("acme", "app", ciFile: ManualCi);
        var start = DateTimeOffset.UtcNow.AddHours(-2);

        var pipeline = emulator.Scenario.AddCompletedPipeline(project.Id, GitLabClient.Push(), GitLabStatus.Success, start, TimeSpan.FromMinutes(4));

        Assert.Equal(GitLabStatus.Success, pipeline.Status);
        Assert.Equal(start, pipeline.StartedAt);
        Assert.Equal(start.AddMinutes(4), pipeline.FinishedAt);
        Assert.All(pipeline.LatestJobs, job => Assert.Equal(GitLabStatus.Success, job.Status));
    }

    private static IReadOnlyList<string?> Base(JsonElement body) =>
        [.. body.GetProperty("message").GetProperty("base").EnumerateArray().Select(item => item.GetString())];
}
