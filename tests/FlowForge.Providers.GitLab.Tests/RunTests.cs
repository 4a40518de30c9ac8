using System.Globalization;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Http;
using FlowForge.Abstractions.Providers;
using FlowForge.Emulators.GitLab;
using FlowForge.Providers.GitLab.Tests.Infrastructure;

namespace FlowForge.Providers.GitLab.Tests;

/// <summary>
/// Runs with their commit and author without a request per run: a pipeline's jobs (which carry the commit) are read
/// once per state of the pipeline and handed on to the sync's job read; an idle poll is one request per project.
/// </summary>
public sealed class RunTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_run_costs_one_job_read_which_the_following_job_listing_reuses()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        var project = gitlab.AddProject();
        var pipeline = EmulatedGitLab.Pipeline(project);
        var started = gitlab.StartPipeline(project, "Fix the build\n\nLonger explanation.");
        gitlab.Scenario.BeginPipeline(started.Id);
        var mark = gitlab.Mark();

        var run = Assert.Single(await gitlab.Connection.ListRecentRunsAsync([pipeline], 30, Cancel));
        var jobs = await gitlab.Connection.ListJobsAsync(pipeline, run, Cancel);

        Assert.Equal(
            [$"GET /api/v4/projects/{project.Id}/pipelines?per_page=30", $"GET /api/v4/projects/{project.Id}/pipelines/{started.Id}/jobs?per_page=100"],
            gitlab.RequestsSince(mark));
        Assert.Equal(RunStatus.Running, run.Status);
        Assert.Equal("Fix the build\n\nLonger explanation.", run.Commit?.Message);
        Assert.Equal("Fix the build", run.Title);
        Assert.Equal("Ada Lovelace", run.Commit?.AuthorName);
        Assert.Equal("ada@example.com", run.Commit?.AuthorEmail);
        Assert.Equal("ada", run.Actor);
        Assert.Equal(gitlab.Host.Time.GetUtcNow(), run.StartedAt);
        Assert.Equal(["build", "test"], jobs.Select(job => job.Name));
        Assert.Equal([RunStatus.Running, RunStatus.Queued], jobs.Select(job => job.Status));
        Assert.Equal(["build", "test"], jobs.Select(job => job.Stage));
        Assert.StartsWith("gitlab-runner-", jobs[0].Runner, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_idle_poll_is_one_request_per_project_whatever_the_number_of_runs()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        var projects = Enumerable.Range(0, 3).Select(i => gitlab.AddProject(path: $"app-{i}")).ToList();
        foreach (var project in projects)
        {
            for (var i = 0; i < 5; i++)
            {
                gitlab.Scenario.AddCompletedPipeline(project.Id, new PipelineSpec("main", $"Commit {i}", "Ada", "ada@example.com", "ada"), GitLabStatus.Success, GitLabTestHost.Now.AddHours(-5 + i), TimeSpan.FromMinutes(3));
            }
        }

        var pipelines = projects.Select(EmulatedGitLab.Pipeline).ToList();
        var first = await gitlab.Connection.ListRecentRunsAsync(pipelines, 30, Cancel);
        var mark = gitlab.Mark();

        var again = await gitlab.Connection.ListRecentRunsAsync(pipelines, 30, Cancel);

        Assert.Equal(15, again.Count);
        Assert.Equal(3, gitlab.RequestsSince(mark).Count);
        Assert.Equal(first, again, RunComparer.Instance);
        Assert.All(again, run => Assert.NotNull(run.Commit?.Message));
        Assert.All(again, run => Assert.Equal(TimeSpan.FromMinutes(3), run.Duration));
    }

    [Fact]
    public async Task A_listing_reads_at_most_50_job_lists_and_leaves_the_other_new_runs_for_the_next()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        var project = gitlab.AddProject();
        for (var i = 0; i < 70; i++)
        {
            gitlab.Scenario.AddCompletedPipeline(project.Id, new PipelineSpec("main", $"Commit {i}", "Ada", "ada@example.com", "ada"), GitLabStatus.Success, GitLabTestHost.Now.AddHours(-80 + i), TimeSpan.FromMinutes(1));
        }

        var pipeline = EmulatedGitLab.Pipeline(project);
        var mark = gitlab.Mark();

        var first = await gitlab.Connection.ListRecentRunsAsync([pipeline], 100, Cancel);
        var second = await gitlab.Connection.ListRecentRunsAsync([pipeline], 100, Cancel);

        Assert.Equal(50, first.Count);
        Assert.Equal("Commit 69", first[0].Commit?.Message);
        Assert.Equal(70, second.Count);
        Assert.Equal(1 + 50 + 1 + 20, gitlab.RequestsSince(mark).Count);
    }

    [Fact]
    public async Task A_run_whose_state_moved_is_read_again_and_only_that_one()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        var project = gitlab.AddProject();
        var pipeline = EmulatedGitLab.Pipeline(project);
        gitlab.Scenario.AddCompletedPipeline(project.Id, new PipelineSpec("main", "Old", "Ada", "ada@example.com", "ada"), GitLabStatus.Success, GitLabTestHost.Now.AddHours(-1), TimeSpan.FromMinutes(2));
        var active = gitlab.StartPipeline(project);
        await gitlab.Connection.ListRecentRunsAsync([pipeline], 30, Cancel);
        gitlab.Host.Time.Advance(TimeSpan.FromSeconds(5));
        gitlab.Scenario.BeginPipeline(active.Id);
        var mark = gitlab.Mark();

        var runs = await gitlab.Connection.ListRecentRunsAsync([pipeline], 30, Cancel);

        Assert.Equal(
            [$"GET /api/v4/projects/{project.Id}/pipelines?per_page=30", $"GET /api/v4/projects/{project.Id}/pipelines/{active.Id}/jobs?per_page=100"],
            gitlab.RequestsSince(mark));
        Assert.Equal(RunStatus.Running, runs.Single(run => run.NativeId == Id(active.Id)).Status);
    }

    [Fact]
    public async Task The_job_read_of_a_run_the_listing_did_not_just_read_asks_GitLab()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        var project = gitlab.AddProject();
        var pipeline = EmulatedGitLab.Pipeline(project);
        var started = gitlab.StartPipeline(project);
        var run = Assert.Single(await gitlab.Connection.ListRecentRunsAsync([pipeline], 30, Cancel));
        await gitlab.Connection.ListJobsAsync(pipeline, run, Cancel);
        gitlab.Scenario.BeginPipeline(started.Id);
        var mark = gitlab.Mark();

        // The same stored state again: jobs move while a run runs, so each read goes to GitLab.
        var jobs = await gitlab.Connection.ListJobsAsync(pipeline, run, Cancel);

        Assert.Single(gitlab.RequestsSince(mark));
        Assert.Equal(RunStatus.Running, jobs[0].Status);
    }

    [Fact]
    public async Task Getting_one_run_reads_the_pipeline_and_its_commit_once()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        var project = gitlab.AddProject();
        var pipeline = EmulatedGitLab.Pipeline(project);
        var started = gitlab.StartPipeline(project, "Ship it");
        gitlab.Scenario.BeginPipeline(started.Id);
        gitlab.Scenario.CompletePipeline(started.Id, GitLabStatus.Success);
        var mark = gitlab.Mark();

        var run = await gitlab.Connection.GetRunAsync(pipeline, Id(started.Id), Cancel);
        var again = await gitlab.Connection.GetRunAsync(pipeline, Id(started.Id), Cancel);

        Assert.Equal(3, gitlab.RequestsSince(mark).Count);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal("Ship it", run.Commit?.Message);
        Assert.Equal("ada", again.Actor);
        Assert.NotNull(run.FinishedAt);
    }

    [Fact]
    public async Task A_run_of_another_project_is_not_found()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        var mine = gitlab.AddProject();
        var other = gitlab.AddProject(path: "other");
        var foreign = gitlab.StartPipeline(other);

        var error = await Assert.ThrowsAsync<ProviderException>(() => gitlab.Connection.GetRunAsync(EmulatedGitLab.Pipeline(mine), Id(foreign.Id), Cancel));

        Assert.Equal(ProviderErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task One_plain_ref_is_filtered_by_GitLab_and_patterns_on_the_page()
    {
        await using var single = await EmulatedGitLab.StartAsync(new Dictionary<string, string> { ["refs"] = "main" });
        var project = single.AddProject();
        single.StartPipeline(project, gitRef: "main");
        single.StartPipeline(project, gitRef: "feature/x");
        var mark = single.Mark();

        var mainOnly = await single.Connection.ListRecentRunsAsync([EmulatedGitLab.Pipeline(project)], 30, Cancel);

        Assert.Equal($"GET /api/v4/projects/{project.Id}/pipelines?per_page=30&ref=main", single.RequestsSince(mark)[0]);
        Assert.Equal(["main"], mainOnly.Select(run => run.Branch));

        await using var patterns = await EmulatedGitLab.StartAsync(new Dictionary<string, string> { ["refs"] = "main, release/*" });
        var other = patterns.AddProject();
        foreach (var gitRef in (string[])["main", "release/2.4", "feature/x", "release"])
        {
            patterns.StartPipeline(other, gitRef: gitRef);
        }

        var matching = await patterns.Connection.ListRecentRunsAsync([EmulatedGitLab.Pipeline(other)], 30, Cancel);

        Assert.Equal(["release/2.4", "main"], matching.Select(run => run.Branch));
    }

    [Fact]
    public async Task A_running_jobs_log_is_its_tail_so_far_and_complete_once_it_finished()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        var project = gitlab.AddProject();
        var pipeline = EmulatedGitLab.Pipeline(project);
        var started = gitlab.StartPipeline(project);
        gitlab.Scenario.BeginPipeline(started.Id);
        var run = Assert.Single(await gitlab.Connection.ListRecentRunsAsync([pipeline], 30, Cancel));
        var job = (await gitlab.Connection.ListJobsAsync(pipeline, run, Cancel))[0];

        var partial = await gitlab.Connection.GetJobLogAsync(pipeline, run, job, Cancel);
        gitlab.Scenario.CompletePipeline(started.Id, GitLabStatus.Failed);
        var finished = await gitlab.Connection.GetRunAsync(pipeline, run.NativeId, Cancel);
        var failedJob = (await gitlab.Connection.ListJobsAsync(pipeline, finished, Cancel))[0];
        var complete = await gitlab.Connection.GetJobLogAsync(pipeline, finished, failedJob, Cancel);

        Assert.False(partial.IsComplete);
        Assert.Contains("Running with gitlab-runner", partial.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("ERROR: Job failed", partial.Text, StringComparison.Ordinal);
        Assert.True(complete.IsComplete);
        Assert.StartsWith(partial.Text, complete.Text, StringComparison.Ordinal);
        Assert.EndsWith("ERROR: Job failed: exit code 1\n", complete.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_log_is_cut_to_its_last_four_mebibytes()
    {
        var text = new string('a', TextTail.MaxLogBytes) + "THE END";
        using var stub = new StubHandler().Answer(System.Net.HttpStatusCode.OK, text, "text/plain");
        using var host = new GitLabTestHost(stub);
        var job = new Job("9", "build", RunStatus.Succeeded, "success", "build", null, null, null, null, []);

        var log = await host.Connect(new Uri("https://h/api/v4")).GetJobLogAsync(GitLabTestHost.Pipeline(7), null!, job, Cancel);

        Assert.StartsWith("[FlowForge: the beginning of this log was cut", log.Text, StringComparison.Ordinal);
        Assert.EndsWith("THE END", log.Text, StringComparison.Ordinal);
        Assert.Equal("https://h/api/v4/projects/7/jobs/9/trace", stub.Requests.Single().RequestUri?.AbsoluteUri);
    }

    [Fact]
    public async Task Facts_of_a_webhook_let_the_next_listing_skip_nothing_but_give_the_commit_to_GetRun()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        var project = gitlab.AddProject();
        var started = gitlab.StartPipeline(project, "From the hook");
        var facts = gitlab.Connection.Facts;

        facts.Remember(project.Id, started.Id, new RunStamp("pending", null), new RunFacts(new Dtos.JobCommitDto(started.Sha, "From the hook"), "ada", null, null, false));
        var mark = gitlab.Mark();
        var run = await gitlab.Connection.GetRunAsync(EmulatedGitLab.Pipeline(project), Id(started.Id), Cancel);

        Assert.Single(gitlab.RequestsSince(mark));
        Assert.Equal("From the hook", run.Commit?.Message);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private sealed class RunComparer : IEqualityComparer<Run>
    {
        public static RunComparer Instance { get; } = new();

        public bool Equals(Run? x, Run? y) => x is not null && y is not null && x with { Parameters = Run.NoParameters } == y with { Parameters = Run.NoParameters };

        public int GetHashCode(Run obj) => obj.NativeId.GetHashCode(StringComparison.Ordinal);
    }
}
