using FlowForge.Abstractions.Domain;
using FlowForge.Providers.GitLab.Dtos;
using FlowForge.Providers.GitLab.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowForge.Providers.GitLab.Tests;

/// <summary>
/// The DTOs and the mapper against GitLab's own published examples, quoted under <c>Fixtures/</c> (sources in its
/// README). Expected values are read from those examples.
/// </summary>
public sealed class ContractTests
{
    private const string InstanceId = "gl";
    private static readonly GitLabMapper Mapper = new(NullLogger<GitLabMapper>.Instance);

    // Source: gitlabhq/gitlabhq doc/api/projects.md, "List all projects" (second project of the example).
    [Fact]
    public void Projects_example_maps_to_a_source_and_a_pipeline()
    {
        var project = Assert.Single(Fixtures.Read("projects-list.json", GitLabJsonContext.Default.IReadOnlyListProjectDto));

        var source = GitLabMapper.MapSource(project);
        var pipeline = GitLabMapper.MapPipeline(InstanceId, project);

        Assert.Equal("brightbox/puppet", source.Id);
        Assert.Equal("Puppet", source.Name);
        Assert.Null(source.Description);
        Assert.Equal("master", source.DefaultBranch);
        Assert.Equal(new Uri("http://example.com/brightbox/puppet"), source.WebUrl);
        Assert.False(source.IsArchived);
        Assert.NotNull(source.Version);
        Assert.Equal(new PipelineKey(InstanceId, "6"), pipeline.Key);
        Assert.Equal("Puppet", pipeline.Name);
        Assert.Equal("brightbox/puppet", pipeline.Repository);
        Assert.Equal("master", pipeline.DefaultBranch);
        Assert.Equal(new Uri("http://example.com/brightbox/puppet/-/pipelines"), pipeline.WebUrl);
        Assert.Equal(".gitlab-ci.yml", pipeline.FilePath);
        Assert.True(project.JobsEnabled);
    }

    // Source: gitlabhq/gitlabhq doc/api/pipelines.md, "List project pipelines".
    [Fact]
    public void Pipelines_list_example_maps_to_runs_without_what_the_list_lacks()
    {
        var pipelines = Fixtures.Read("pipelines-list.json", GitLabJsonContext.Default.IReadOnlyListPipelineDto);

        var runs = pipelines.Select(pipeline => Mapper.MapRun(InstanceId, pipeline, facts: null)).ToList();

        Assert.Equal(["47", "48"], runs.Select(run => run.NativeId));
        Assert.Equal([12L, 13L], runs.Select(run => run.Number));
        Assert.All(runs, run => Assert.Equal(new PipelineKey(InstanceId, "1"), run.Pipeline));
        Assert.All(runs, run => Assert.Equal(RunStatus.Queued, run.Status));
        Assert.Equal(["push", "web"], runs.Select(run => run.Event));
        Assert.All(runs, run => Assert.Equal("new-pipeline", run.Branch));
        Assert.Equal("a91957a858320c0e17f3a0eca7cfacbff50ea29a", runs[0].Commit?.Sha);
        Assert.Equal("Build pipeline", runs[0].Title);
        Assert.Equal(DateTimeOffset.Parse("2016-08-11T11:28:34.085Z", System.Globalization.CultureInfo.InvariantCulture), runs[0].CreatedAt);
        Assert.Equal(DateTimeOffset.Parse("2016-08-11T11:32:35.169Z", System.Globalization.CultureInfo.InvariantCulture), runs[0].UpdatedAt);
        Assert.Equal(new Uri("https://example.com/foo/bar/pipelines/47"), runs[0].WebUrl);

        // A list item has no user, start time or commit message: those come from the jobs (RunFacts).
        Assert.Null(runs[0].Actor);
        Assert.Null(runs[0].StartedAt);
        Assert.Null(runs[0].Commit?.Message);
    }

    // Source: gitlabhq/gitlabhq doc/api/pipelines.md, "List project pipelines" and jobs.md, "List pipeline jobs".
    [Fact]
    public void The_jobs_example_fills_in_what_the_list_item_lacks()
    {
        var pipeline = Fixtures.Read("pipelines-list.json", GitLabJsonContext.Default.IReadOnlyListPipelineDto)[0];
        var jobs = Fixtures.Read("pipeline-jobs.json", GitLabJsonContext.Default.IReadOnlyListJobDto);

        var run = Mapper.MapRun(InstanceId, pipeline, RunFacts.From(jobs));

        Assert.Equal("Test the CI integration.", run.Commit?.Message);
        Assert.Equal("Administrator", run.Commit?.AuthorName);
        Assert.Equal("admin@example.com", run.Commit?.AuthorEmail);
        Assert.Equal("root", run.Actor);
        Assert.Equal(DateTimeOffset.Parse("2015-12-24T17:54:24.729Z", System.Globalization.CultureInfo.InvariantCulture), run.StartedAt);
        Assert.Equal("Build pipeline", run.Title);
    }

    // Source: gitlabhq/gitlabhq doc/api/pipelines.md, "Get a single pipeline".
    [Fact]
    public void Single_pipeline_example_maps_to_a_finished_run()
    {
        var dto = Fixtures.Read("pipeline-single.json", GitLabJsonContext.Default.PipelineDto);

        var run = Mapper.MapRun(InstanceId, dto, facts: null);

        Assert.Equal(new PipelineKey(InstanceId, "21"), run.Pipeline);
        Assert.Equal("287", run.NativeId);
        Assert.Equal(144, run.Number);
        Assert.Equal(1, run.Attempt);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal("success", run.ProviderStatus);
        Assert.Equal("Build pipeline", run.Title);
        Assert.Equal("push", run.Event);
        Assert.Equal("root", run.Actor);
        Assert.Equal("main", run.Branch);
        Assert.Equal("50f0acb76a40e34a4ff304f7347dcc6587da8a14", run.Commit?.Sha);
        Assert.Equal(DateTimeOffset.Parse("2022-09-21T01:05:14.197Z", System.Globalization.CultureInfo.InvariantCulture), run.StartedAt);
        Assert.Equal(DateTimeOffset.Parse("2022-09-21T01:05:50.175Z", System.Globalization.CultureInfo.InvariantCulture), run.FinishedAt);
        Assert.Equal(TimeSpan.FromSeconds(35.978), run.Duration);
        Assert.Equal(new Uri("http://127.0.0.1:3000/test-group/test-project/-/pipelines/287"), run.WebUrl);
    }

    // Source: gitlabhq/gitlabhq doc/api/pipelines.md, "Create a new pipeline" (no source, no name in the example).
    [Fact]
    public void Created_pipeline_example_maps_to_a_queued_run()
    {
        var dto = Fixtures.Read("pipeline-create.json", GitLabJsonContext.Default.PipelineDto);

        var run = Mapper.MapRun(InstanceId, dto, facts: null);

        Assert.Equal("61", run.NativeId);
        Assert.Equal(21, run.Number);
        Assert.Equal(RunStatus.Queued, run.Status);
        Assert.Null(run.Event);
        Assert.Equal("root", run.Actor);
        Assert.Null(run.StartedAt);
        Assert.Null(run.FinishedAt);
        Assert.Equal(new Uri("https://example.com/foo/bar/pipelines/61"), run.WebUrl);
    }

    // Source: gitlabhq/gitlabhq doc/api/pipelines.md, "Cancel all jobs for a pipeline".
    [Fact]
    public void Cancelled_pipeline_example_maps_to_a_cancelled_run()
    {
        var dto = Fixtures.Read("pipeline-cancel.json", GitLabJsonContext.Default.PipelineDto);

        var run = Mapper.MapRun(InstanceId, dto, facts: null);

        Assert.Equal(RunStatus.Cancelled, run.Status);
        Assert.Equal(DateTimeOffset.Parse("2016-08-11T11:32:35.145Z", System.Globalization.CultureInfo.InvariantCulture), run.FinishedAt);
    }

    // Source: gitlabhq/gitlabhq doc/api/jobs.md, "List pipeline jobs".
    [Fact]
    public void Pipeline_jobs_example_maps_to_jobs_with_stages()
    {
        var jobs = Fixtures.Read("pipeline-jobs.json", GitLabJsonContext.Default.IReadOnlyListJobDto).Select(Mapper.MapJob).ToList();

        Assert.Equal(["6", "7"], jobs.Select(job => job.NativeId));
        Assert.Equal(["rspec:other", "teaspoon"], jobs.Select(job => job.Name));
        Assert.All(jobs, job => Assert.Equal("test", job.Stage));
        Assert.All(jobs, job => Assert.Equal(RunStatus.Failed, job.Status));
        Assert.All(jobs, job => Assert.Equal("failed", job.ProviderStatus));
        Assert.All(jobs, job => Assert.Null(job.Runner));
        Assert.All(jobs, job => Assert.Empty(job.Steps));
        Assert.Equal(DateTimeOffset.Parse("2015-12-24T17:54:24.729Z", System.Globalization.CultureInfo.InvariantCulture), jobs[0].StartedAt);
        Assert.Equal(DateTimeOffset.Parse("2015-12-24T17:54:24.921Z", System.Globalization.CultureInfo.InvariantCulture), jobs[0].FinishedAt);
        Assert.Equal(new Uri("https://example.com/foo/bar/-/jobs/6"), jobs[0].WebUrl);
    }
}
