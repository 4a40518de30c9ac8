using System.Globalization;
using FlowForge.Abstractions.Domain;
using FlowForge.Providers.Buildkite.Dtos;
using FlowForge.Providers.Buildkite.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowForge.Providers.Buildkite.Tests;

/// <summary>
/// The DTOs and the mapper against Buildkite's own published examples, quoted in <c>Fixtures/</c> from
/// <c>buildkite/docs</c>: <c>pages/apis/rest_api/builds.md</c>, <c>pipelines.md</c>, <c>jobs.md</c>,
/// <c>access_token.md</c>, <c>rate_limits.md</c>. Expected values are read off those examples.
/// </summary>
public sealed class ContractTests
{
    private const string InstanceId = "bk";
    private static readonly BuildkiteMapper Mapper = new(NullLogger<BuildkiteMapper>.Instance);

    // Source: buildkite/docs pages/apis/rest_api/pipelines.md, "List pipelines".
    [Fact]
    public void List_pipelines_example_maps_to_a_source_and_a_pipeline()
    {
        var dto = Assert.Single(OfficialExamples.Read("pipelines/list-pipelines.json", BuildkiteJsonContext.Default.IReadOnlyListPipelineDto));

        var source = BuildkiteMapper.MapSource("acme-inc", dto);
        var pipeline = BuildkiteMapper.MapPipeline(InstanceId, "acme-inc", dto);

        Assert.Equal("acme-inc/my-pipeline", source.Id);
        Assert.Equal("My Pipeline", source.Name);
        Assert.Equal("main", source.DefaultBranch);
        Assert.Equal(new Uri("https://buildkite.com/acme-inc/my-pipeline"), source.WebUrl);
        Assert.False(source.IsArchived);
        Assert.NotNull(source.Version);
        Assert.Equal(new PipelineKey(InstanceId, "my-pipeline"), pipeline.Key);
        Assert.Equal("My Pipeline", pipeline.Name);
        Assert.Equal(source.Id, pipeline.Repository);
        Assert.Equal("main", pipeline.DefaultBranch);
        Assert.Equal(source.WebUrl, pipeline.WebUrl);
        Assert.Empty(dto.Env!);
    }

    // Source: buildkite/docs pages/apis/rest_api/pipelines.md, "List pipelines" (parameters offered for it).
    [Fact]
    public void List_pipelines_example_offers_the_fixed_build_options_at_its_default_branch()
    {
        var dto = Assert.Single(OfficialExamples.Read("pipelines/list-pipelines.json", BuildkiteJsonContext.Default.IReadOnlyListPipelineDto));

        var parameters = BuildkiteParameterSource.Describe(dto, gitRef: null);

        Assert.Equal("main", parameters.Ref);
        Assert.True(parameters.CanTrigger);
        Assert.Equal(["commit", "message", "clean_checkout"], parameters.Parameters.Select(parameter => parameter.Name));
        Assert.Equal("HEAD", parameters.Parameters[0].Default);
        Assert.Equal(TriggerParameterType.Boolean, parameters.Parameters[2].Type);
    }

    // Source: buildkite/docs pages/apis/rest_api/builds.md, "List builds for a pipeline".
    [Fact]
    public void List_builds_example_maps_to_a_run_with_its_commit_creator_and_job()
    {
        var dto = Assert.Single(OfficialExamples.Read("builds/list-builds-for-a-pipeline.json", BuildkiteJsonContext.Default.IReadOnlyListBuildDto));

        var run = Mapper.MapRun(InstanceId, dto.Pipeline!.Slug, dto);

        Assert.Equal(new PipelineKey(InstanceId, "great-pipeline"), run.Pipeline);
        Assert.Equal("great-pipeline:1", run.NativeId);
        Assert.Equal(1, run.Number);
        Assert.Equal(1, run.Attempt);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal("passed", run.ProviderStatus);
        Assert.Equal("Bumping to version 0.2-beta.6", run.Title);
        Assert.Equal("webhook", run.Event);
        Assert.Equal("Keith Pitt", run.Actor);
        Assert.Equal("main", run.Branch);
        Assert.Equal(new CommitInfo("abcd0b72a1e580e90712cdd9eb26d3fb41cd09c8", "Bumping to version 0.2-beta.6", "Keith Pitt", "keith@buildkite.com"), run.Commit);
        Assert.Equal(At("2015-05-09T21:05:59.874Z"), run.CreatedAt);
        Assert.Equal(At("2015-05-09T21:05:59.874Z"), run.StartedAt);
        Assert.Equal(At("2015-05-09T21:05:59.874Z"), run.FinishedAt);

        // Builds have no updated_at: the last change is the latest time of the build or its jobs (the job finished last).
        Assert.Equal(At("2015-05-09T21:08:59.874Z"), run.UpdatedAt);
        Assert.Equal(new Uri("https://buildkite.com/my-great-org/my-pipeline/builds/1"), run.WebUrl);
        Assert.Empty(run.Parameters);
    }

    // Source: buildkite/docs pages/apis/rest_api/builds.md, "List builds for a pipeline" (the embedded job).
    [Fact]
    public void List_builds_example_embeds_its_job_with_agent_group_and_times()
    {
        var dto = Assert.Single(OfficialExamples.Read("builds/list-builds-for-a-pipeline.json", BuildkiteJsonContext.Default.IReadOnlyListBuildDto));

        var job = Assert.Single(Mapper.MapJobs(dto));

        Assert.Equal("b63254c0-3271-4a98-8270-7cfbd6c2f14e", job.NativeId);
        Assert.Equal("RSpec", job.Name);
        Assert.Equal(RunStatus.Succeeded, job.Status);
        Assert.Equal("passed", job.ProviderStatus);
        Assert.Equal("tests", job.Stage);
        Assert.Equal("my-agent-123", job.Runner);
        Assert.Equal(At("2015-05-09T21:07:59.874Z"), job.StartedAt);
        Assert.Equal(At("2015-05-09T21:08:59.874Z"), job.FinishedAt);
        Assert.Equal(new Uri("https://buildkite.com/my-great-org/my-pipeline/builds/1#b63254c0-3271-4a98-8270-7cfbd6c2f14e"), job.WebUrl);
        Assert.Empty(job.Steps);
    }

    // Source: buildkite/docs pages/apis/rest_api/builds.md, "Get a build".
    [Fact]
    public void Get_a_build_example_maps_like_the_listing()
    {
        var dto = OfficialExamples.Read("builds/get-a-build.json", BuildkiteJsonContext.Default.BuildDto);

        var run = Mapper.MapRun(InstanceId, dto.Pipeline!.Slug, dto);

        Assert.Equal("great-pipeline:2", run.NativeId);
        Assert.Equal(2, run.Number);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(At("2015-05-09T21:08:59.874Z"), run.FinishedAt);
        Assert.Equal(TimeSpan.FromMinutes(3), run.Duration);
        Assert.Equal("my-agent", Assert.Single(Mapper.MapJobs(dto)).Runner);
    }

    // Source: buildkite/docs pages/apis/rest_api/builds.md, "Create a build" (the 201 answer).
    [Fact]
    public void Create_a_build_example_is_a_scheduled_run_with_a_queued_job()
    {
        var dto = OfficialExamples.Read("builds/create-a-build.json", BuildkiteJsonContext.Default.BuildDto);

        var run = Mapper.MapRun(InstanceId, "great-pipeline", dto);
        var job = Assert.Single(Mapper.MapJobs(dto));

        Assert.Equal(RunStatus.Queued, run.Status);
        Assert.Equal("scheduled", run.ProviderStatus);
        Assert.Null(run.FinishedAt);
        Assert.Equal("Testing all the things :rocket:", run.Title);
        Assert.Equal(RunStatus.Queued, job.Status);
        Assert.Equal(":package:", job.Name);
    }

    // Source: buildkite/docs pages/apis/rest_api/builds.md, "Cancel a build".
    [Fact]
    public void Cancel_a_build_example_is_cancelled()
    {
        var dto = OfficialExamples.Read("builds/cancel-a-build.json", BuildkiteJsonContext.Default.BuildDto);

        var run = Mapper.MapRun(InstanceId, "great-pipeline", dto);

        Assert.Equal(RunStatus.Cancelled, run.Status);
        Assert.Equal(At("2015-05-09T21:05:59.874Z"), run.FinishedAt);
    }

    // Source: buildkite/docs pages/apis/rest_api/builds.md, "Rebuild a build" and "Retry failed jobs for a build".
    [Theory]
    [InlineData("builds/rebuild-a-build.json")]
    [InlineData("builds/retry-failed-jobs-for-a-build.json")]
    public void Rebuild_and_retry_examples_are_new_scheduled_runs(string fixture)
    {
        var dto = OfficialExamples.Read(fixture, BuildkiteJsonContext.Default.BuildDto);

        var run = Mapper.MapRun(InstanceId, "great-pipeline", dto);

        Assert.Equal("great-pipeline:2", run.NativeId);
        Assert.Equal(RunStatus.Queued, run.Status);
        Assert.Equal("api", run.Event);
    }

    // Source: buildkite/docs pages/apis/rest_api/jobs.md, "Retry a job" and "Unblock a job".
    [Fact]
    public void Job_examples_map_a_retried_script_job_and_an_unblocked_block_step()
    {
        var retried = Mapper.MapJob(OfficialExamples.Read("jobs/retry-a-job.json", BuildkiteJsonContext.Default.JobDto), null);
        var unblocked = Mapper.MapJob(OfficialExamples.Read("jobs/unblock-a-job.json", BuildkiteJsonContext.Default.JobDto), null);

        Assert.Equal(RunStatus.Queued, retried.Status);
        Assert.Null(retried.Runner);
        Assert.Equal("ded35de2-7de0-4da8-8daa-b4ce0b7f1064", unblocked.NativeId);
        Assert.Equal("Deploy", unblocked.Name);
        Assert.Equal(RunStatus.Succeeded, unblocked.Status);
        Assert.Equal("unblocked", unblocked.ProviderStatus);
        Assert.Equal(At("2015-05-09T21:06:10.264Z"), unblocked.FinishedAt);
    }

    // Source: buildkite/docs pages/apis/rest_api/access_token.md, "Get the current token".
    [Fact]
    public void Access_token_example_names_the_user_and_scopes()
    {
        var token = OfficialExamples.Read("access-token/get-the-current-token.json", BuildkiteJsonContext.Default.AccessTokenDto);

        Assert.Equal(["read_build"], token.Scopes);
        Assert.Equal("Algernon Moncrieff", token.User?.Name);
    }

    // Source: buildkite/docs pages/apis/rest_api/rate_limits.md, "Exceeding the rate limit".
    [Fact]
    public void Rate_limit_example_reads_scope_and_reset()
    {
        var error = OfficialExamples.Read("rate-limits/exceeding-the-rate-limit.json", BuildkiteJsonContext.Default.ErrorDto);

        Assert.StartsWith("You have exceeded your API rate limit.", error.Message, StringComparison.Ordinal);
        Assert.Equal(42, error.Reset);
    }

    private static DateTimeOffset At(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);
}
