using FlowForge.Abstractions.Domain;
using FlowForge.Providers.GitHub.Dtos;
using FlowForge.Providers.GitHub.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowForge.Providers.GitHub.Tests;

/// <summary>
/// The DTOs and the mapper against GitHub's own published response examples (<c>components.examples</c> of the
/// official REST API description). Expected values are read from those examples.
/// </summary>
public sealed class ContractTests
{
    private const string InstanceId = "gh";
    private static readonly GitHubMapper Mapper = new(NullLogger<GitHubMapper>.Instance);

    [Fact]
    public void Workflow_example_maps_to_a_pipeline()
    {
        var workflow = OfficialExamples.Read("workflow", GitHubJsonContext.Default.WorkflowDto);

        var pipeline = GitHubMapper.MapPipeline(InstanceId, workflow, "octo-org/octo-repo", "master");

        Assert.Equal(new PipelineKey(InstanceId, "161335"), pipeline.Key);
        Assert.Equal("CI", pipeline.Name);
        Assert.Equal("octo-org/octo-repo", pipeline.Repository);
        Assert.Equal("master", pipeline.DefaultBranch);
        Assert.Equal(".github/workflows/blank.yaml", pipeline.FilePath);
        Assert.Equal(new Uri("https://github.com/octo-org/octo-repo/blob/master/.github/workflows/161335"), pipeline.WebUrl);
        Assert.Equal("active", Assert.Single(pipeline.Extras, extra => extra.Key == "state").Value);
        Assert.Single(pipeline.Extras);
    }

    [Fact]
    public void Workflow_paginated_example_maps_every_workflow()
    {
        var page = OfficialExamples.Read("workflow-paginated", GitHubJsonContext.Default.WorkflowListDto);

        var pipelines = page.Workflows.Select(workflow => GitHubMapper.MapPipeline(InstanceId, workflow, "octo-org/octo-repo", null)).ToList();

        Assert.Equal(["161335", "269289"], pipelines.Select(pipeline => pipeline.Key.NativeId));
        Assert.Equal(["CI", "Linter"], pipelines.Select(pipeline => pipeline.Name));
        Assert.Equal([".github/workflows/blank.yaml", ".github/workflows/linter.yaml"], pipelines.Select(pipeline => pipeline.FilePath));
    }

    [Fact]
    public void Workflow_run_example_maps_to_a_run()
    {
        var dto = OfficialExamples.Read("workflow-run", GitHubJsonContext.Default.WorkflowRunDto);

        var run = Mapper.MapRun(InstanceId, dto);

        Assert.Equal(new PipelineKey(InstanceId, "159038"), run.Pipeline);
        Assert.Equal("30433642", run.NativeId);
        Assert.Equal(562, run.Number);
        Assert.Equal(1, run.Attempt);
        Assert.Equal(RunStatus.Queued, run.Status);
        Assert.Equal("queued", run.ProviderStatus);
        Assert.Equal("Update README.md", run.Title);
        Assert.Equal("push", run.Event);
        Assert.Equal("octocat", run.Actor);
        Assert.Equal("main", run.Branch);
        Assert.Equal(
            new CommitInfo("acb5820ced9479c074f688cc328bf03f341a511d", "Create linter.yaml", "Octo Cat", "octocat@github.com"),
            run.Commit);
        Assert.Equal(DateTimeOffset.Parse("2020-01-22T19:33:08Z", System.Globalization.CultureInfo.InvariantCulture), run.CreatedAt);
        Assert.Equal(run.CreatedAt, run.StartedAt);
        Assert.Null(run.FinishedAt); // queued: not finished, even though updated_at is set
        Assert.Equal(run.CreatedAt, run.UpdatedAt);
        Assert.Null(run.Duration);
        Assert.Equal(new Uri("https://github.com/octo-org/octo-repo/actions/runs/30433642"), run.WebUrl);
        Assert.Empty(run.Parameters);
    }

    [Fact]
    public void Workflow_run_example_once_completed_finishes_at_its_update_time()
    {
        var dto = OfficialExamples.Read("workflow-run", GitHubJsonContext.Default.WorkflowRunDto)
            with { Status = "completed", Conclusion = "failure", UpdatedAt = new DateTimeOffset(2020, 1, 22, 19, 40, 8, TimeSpan.Zero) };

        var run = Mapper.MapRun(InstanceId, dto);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("completed/failure", run.ProviderStatus);
        Assert.Equal(dto.UpdatedAt, run.FinishedAt);
        Assert.Equal(TimeSpan.FromMinutes(7), run.Duration);
    }

    [Fact]
    public void Workflow_run_paginated_example_maps_its_runs()
    {
        var page = OfficialExamples.Read("workflow-run-paginated", GitHubJsonContext.Default.WorkflowRunListDto);

        var run = Mapper.MapRun(InstanceId, Assert.Single(page.WorkflowRuns));

        Assert.Equal("30433642", run.NativeId);
        Assert.Equal("159038", run.Pipeline.NativeId);
        Assert.Equal(562, run.Number);
        Assert.Equal("master", run.Branch);
        Assert.Equal("acb5820ced9479c074f688cc328bf03f341a511d", run.Commit?.Sha);
        Assert.Equal("Create linter.yaml", run.Commit?.Message);
        Assert.Equal("Octo Cat", run.Commit?.AuthorName);
        Assert.Equal(RunStatus.Queued, run.Status);
    }

    [Fact]
    public void Job_example_maps_to_a_job_with_its_steps()
    {
        var dto = OfficialExamples.Read("job", GitHubJsonContext.Default.JobDto);

        var job = Mapper.MapJob(dto);

        Assert.Equal("399444496", job.NativeId);
        Assert.Equal("build", job.Name);
        Assert.Equal(RunStatus.Succeeded, job.Status);
        Assert.Equal("completed/success", job.ProviderStatus);
        Assert.Null(job.Stage);
        Assert.Equal("my runner", job.Runner);
        Assert.Equal(new DateTimeOffset(2020, 1, 20, 17, 42, 40, TimeSpan.Zero), job.StartedAt);
        Assert.Equal(new DateTimeOffset(2020, 1, 20, 17, 44, 39, TimeSpan.Zero), job.FinishedAt);
        Assert.Equal(new Uri("https://github.com/octo-org/octo-repo/runs/29679449/jobs/399444496"), job.WebUrl);

        Assert.Equal(10, job.Steps.Count);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 16, 17], job.Steps.Select(step => step.Number));
        Assert.All(job.Steps, step => Assert.Equal(RunStatus.Succeeded, step.Status));

        var first = job.Steps[0];
        Assert.Equal("Set up job", first.Name);
        // The example gives step times in -08:00; they are the same instants as the job's UTC times.
        Assert.Equal(job.StartedAt, first.StartedAt);
        Assert.Equal(new DateTimeOffset(2020, 1, 20, 17, 42, 41, TimeSpan.Zero), first.FinishedAt);

        var deploy = Assert.Single(job.Steps, step => step.Name == "Deploy to Heroku");
        Assert.Equal(8, deploy.Number);
        Assert.Equal(TimeSpan.FromSeconds(100), deploy.FinishedAt - deploy.StartedAt);
        Assert.Equal(job.FinishedAt, job.Steps[^1].FinishedAt);
    }

    [Fact]
    public void Job_paginated_example_maps_like_the_single_job_example()
    {
        var page = OfficialExamples.Read("job-paginated", GitHubJsonContext.Default.JobListDto);
        var single = Mapper.MapJob(OfficialExamples.Read("job", GitHubJsonContext.Default.JobDto));

        var job = Mapper.MapJob(Assert.Single(page.Jobs));

        Assert.Equal(single with { Steps = [] }, job with { Steps = [] });
        Assert.Equal(single.Steps, job.Steps);
    }

    [Fact]
    public void User_repositories_example_maps_to_watchable_sources()
    {
        var repositories = OfficialExamples.Read("repository-items-default-response", GitHubJsonContext.Default.IReadOnlyListRepositoryDto);

        var source = GitHubMapper.MapSource(Assert.Single(repositories));

        Assert.Equal("octocat/Hello-World", source.Id);
        Assert.Equal("Hello-World", source.Name);
        Assert.Equal("This your first repo!", source.Description);
        Assert.Equal("master", source.DefaultBranch);
        Assert.Equal(new Uri("https://github.com/octocat/Hello-World"), source.WebUrl);
        Assert.False(source.IsArchived);
        Assert.Equal("octocat", repositories[0].Owner?.Login);
    }

    [Theory]
    [InlineData("private-user-response-with-public-and-private-profile-information")]
    [InlineData("private-user-response-with-public-profile-information")]
    public void Authenticated_user_examples_give_the_login(string example)
    {
        var user = OfficialExamples.Read(example, GitHubJsonContext.Default.UserDto);

        Assert.Equal("octocat", user.Login);
    }

    [Fact]
    public async Task Examples_served_over_http_map_end_to_end()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var server = await FakeHttpServer.StartAsync(cancellationToken);
        server.Handler = context => context.Request.Path.Value switch
        {
            "/repos/octo-org/octo-repo/actions/runs" => Respond.Json(context, OfficialExamples.Json("workflow-run-paginated")),
            "/repos/octo-org/octo-repo/actions/runs/30433642/jobs" => Respond.Json(context, OfficialExamples.Json("job-paginated")),
            _ => Respond.Status(context, 404),
        };
        using var host = new GitHubTestHost();
        var connection = host.Connect(server.Url);
        var pipeline = GitHubTestHost.Pipeline("octo-org/octo-repo", 159038);

        var run = Assert.Single(await connection.ListRecentRunsAsync([pipeline], 20, cancellationToken));
        var job = Assert.Single(await connection.ListJobsAsync(pipeline, run, cancellationToken));

        Assert.Equal(pipeline.Key, run.Pipeline);
        Assert.Equal("Create linter.yaml", run.Commit?.Message);
        Assert.Equal("my runner", job.Runner);
        Assert.Equal(10, job.Steps.Count);
    }
}
