using FlowForge.Abstractions.Domain;
using FlowForge.Providers.Jenkins.Dtos;
using FlowForge.Providers.Jenkins.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowForge.Providers.Jenkins.Tests;

/// <summary>
/// The DTOs and the mapper against Jenkins' documented <c>api/json</c> shapes. Jenkins publishes no example documents for
/// <c>api/json</c>: its shape is defined by the <c>@Exported</c> properties of the classes it serializes, so these
/// fixtures are written in exactly that shape, each test naming the classes (and source files) that define it.
/// </summary>
public sealed class ContractTests
{
    private static readonly JenkinsMapper Mapper = new(NullLogger<JenkinsMapper>.Instance);
    private static readonly Pipeline Api = JenkinsTestHost.Pipeline("team/api");

    /// <summary>
    /// Fixtures/job-runs.json — <c>hudson.model.Job</c> (<c>nextBuildNumber</c>, <c>queueItem</c>, <c>builds</c>),
    /// <c>hudson.model.Run</c> (<c>number</c>, <c>result</c>, <c>building</c>, <c>timestamp</c>, <c>duration</c>, <c>queueId</c>),
    /// <c>hudson.model.CauseAction</c>/<c>Cause$UserIdCause</c>, <c>hudson.model.ParametersAction</c>, and the git plugin's
    /// <c>BuildData</c> and <c>GitChangeSet</c> (jenkinsci/jenkins: core/src/main/java/hudson/model/Job.java, Run.java,
    /// Cause.java, Queue.java; jenkinsci/git-plugin: src/main/java/hudson/plugins/git/util/BuildData.java, GitChangeSet.java).
    /// </summary>
    [Fact]
    public void A_finished_build_maps_to_a_run_with_its_commit_cause_and_parameters()
    {
        var job = Fixture.Read("job-runs.json", JenkinsJsonContext.Default.JobRunsDto);

        var run = Mapper.MapBuild(Api, job.Builds![1]);

        Assert.Equal(new PipelineKey("jk", "team~api"), run.Pipeline);
        Assert.Equal("team~api:44", run.NativeId);
        Assert.Equal(44, run.Number);
        Assert.Equal(1, run.Attempt);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal("SUCCESS", run.ProviderStatus);
        Assert.Equal("v2.4.1", run.Title);
        Assert.Equal("manual", run.Event);
        Assert.Equal("ada", run.Actor);
        Assert.Equal("release/2.4", run.Branch);

        // Of the two revisions (a shared library's and the job's own), the one the change set speaks of is the build's commit.
        Assert.Equal(new CommitInfo("a3c9e51f0b8d7c6e5f4a3b2c1d0e9f8a7b6c5d4e", "Release 2.4.1", "Ada Lovelace", "ada@example.com"), run.Commit);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1717239600000), run.StartedAt);
        Assert.Equal(run.StartedAt, run.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1717239600000 + 93512), run.FinishedAt);
        Assert.Equal(run.FinishedAt, run.UpdatedAt);
        Assert.Equal(new Uri("https://ci.example.com/jenkins/job/team/job/api/44/"), run.WebUrl);

        // A password's value is never exported: it is left out rather than shown empty.
        Assert.Equal(new Dictionary<string, string> { ["TARGET"] = "production", ["DRY_RUN"] = "false" }, run.Parameters);
    }

    /// <summary>Fixtures/job-runs.json — a running <c>WorkflowRun</c> (<c>building: true</c>, <c>result: null</c>, <c>duration: 0</c>).</summary>
    [Fact]
    public void A_running_build_maps_to_a_running_run_without_an_end()
    {
        var job = Fixture.Read("job-runs.json", JenkinsJsonContext.Default.JobRunsDto);

        var run = Mapper.MapBuild(Api, job.Builds![0]);

        Assert.Equal("team~api:45", run.NativeId);
        Assert.Equal(RunStatus.Running, run.Status);
        Assert.Equal("building", run.ProviderStatus);
        Assert.Equal("scm", run.Event);
        Assert.Null(run.Actor);
        Assert.Equal("main", run.Branch);
        Assert.Equal("Speed up the integration suite", run.Title);
        Assert.Equal(new CommitInfo("6f1ed002ab5595859014ebf0951522d9a1f4b9d0", "Speed up the integration suite", "Linus Torvalds", "linus@example.com"), run.Commit);
        Assert.Null(run.FinishedAt);
        Assert.Equal(run.StartedAt, run.UpdatedAt);
        Assert.Same(Run.NoParameters, run.Parameters);
    }

    /// <summary>Fixtures/job-runs.json — every <c>hudson.model.Result</c> a finished build can carry.</summary>
    [Fact]
    public void Every_result_of_the_listing_maps_to_its_status()
    {
        var job = Fixture.Read("job-runs.json", JenkinsJsonContext.Default.JobRunsDto);

        var runs = job.Builds!.Select(build => Mapper.MapBuild(Api, build)).ToList();

        Assert.Equal([45, 44, 43, 42, 41, 40], runs.Select(run => run.Number));
        Assert.Equal(
            [RunStatus.Running, RunStatus.Succeeded, RunStatus.Failed, RunStatus.SucceededWithWarnings, RunStatus.Cancelled, RunStatus.Skipped],
            runs.Select(run => run.Status));
        Assert.Equal(["scm", "manual", "schedule", "branch-indexing", "upstream", null], runs.Select(run => run.Event));
        Assert.All(runs.Skip(2), run => Assert.Null(run.Commit));
    }

    /// <summary>
    /// Fixtures/job-runs.json — the job's <c>queueItem</c> (<c>hudson.model.Queue$BlockedItem</c>: <c>id</c>,
    /// <c>inQueueSince</c>, <c>why</c>, <c>actions</c>) and <c>nextBuildNumber</c> (core/src/main/java/hudson/model/Queue.java).
    /// </summary>
    [Fact]
    public void The_queue_item_maps_to_a_queued_run_carrying_the_number_its_build_will_get()
    {
        var job = Fixture.Read("job-runs.json", JenkinsJsonContext.Default.JobRunsDto);

        var run = JenkinsMapper.MapQueued(Api, job.NextBuildNumber, job.QueueItem!);

        Assert.Equal("team~api:46", run.NativeId);
        Assert.Equal(46, run.Number);
        Assert.Equal(RunStatus.Queued, run.Status);
        Assert.Equal("queued", run.ProviderStatus);
        Assert.Equal("Build #45 is already in progress (ETA: 2 min 3 sec)", run.Title);
        Assert.Equal("manual", run.Event);
        Assert.Equal("grace", run.Actor);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1717243260000), run.CreatedAt);
        Assert.Equal(run.CreatedAt, run.UpdatedAt);
        Assert.Null(run.StartedAt);
        Assert.Null(run.Commit);
        Assert.Equal(new Dictionary<string, string> { ["TARGET"] = "staging" }, run.Parameters);
    }

    /// <summary>
    /// Fixtures/freestyle-build.json — <c>hudson.model.FreeStyleBuild</c>: one <c>changeSet</c> (not <c>changeSets</c>) and
    /// the git plugin's remote-tracking branch name (core/src/main/java/hudson/model/AbstractBuild.java).
    /// </summary>
    [Fact]
    public void A_freestyle_build_maps_with_its_single_change_set()
    {
        var build = Fixture.Read("freestyle-build.json", JenkinsJsonContext.Default.BuildDto);
        var docs = JenkinsTestHost.Pipeline("docs-site", "hudson.model.FreeStyleProject");

        var run = Mapper.MapBuild(docs, build);

        Assert.Equal("docs-site:7", run.NativeId);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal("master", run.Branch);
        Assert.Equal("ken", run.Actor);
        Assert.Equal(new CommitInfo("d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5", "Fix broken links", "Ken Thompson", "ken@example.com"), run.Commit);
        var job = JenkinsMapper.WholeBuild(run);
        Assert.Equal(("build", "Build", RunStatus.Succeeded), (job.NativeId, job.Name, job.Status));
        Assert.Equal(new Uri("https://ci.example.com/job/docs-site/7/console"), job.WebUrl);
    }

    /// <summary>
    /// Fixtures/root-jobs.json — <c>hudson.model.Hudson</c>'s <c>jobs</c>, nested: a <c>Folder</c> (CloudBees Folders
    /// plugin), a <c>WorkflowMultiBranchProject</c> whose jobs are branches named by the percent-encoded branch, a
    /// <c>WorkflowJob</c> and a disabled <c>FreeStyleProject</c> (core/src/main/java/hudson/model/AbstractItem.java, Job.java).
    /// </summary>
    [Fact]
    public void Discovery_reads_nested_folders_and_multibranch_branches_as_sources()
    {
        var listing = Fixture.Read("root-jobs.json", JenkinsJsonContext.Default.FolderDto);

        var (jobs, deeper) = JenkinsConnection.Read(listing, "");
        var sources = jobs.Select(JenkinsMapper.MapSource).ToList();

        Assert.Empty(deeper);
        Assert.Equal(["team/api", "team/web/main", "team/web/feature%2Flogin", "docs-site"], sources.Select(source => source.Id));
        Assert.Equal(["team » api", "team » web » main", "team » web » feature/login", "docs-site"], sources.Select(source => source.Name));
        Assert.Equal([null, "main", "feature/login", null], sources.Select(source => source.DefaultBranch));
        Assert.Equal([false, false, false, true], sources.Select(source => source.IsArchived));
        Assert.Equal("Publishes the documentation", sources[3].Description);
        Assert.All(sources, source => Assert.NotNull(source.Version));

        var pipeline = JenkinsMapper.MapPipeline("jk", jobs[2]);
        Assert.Equal(new PipelineKey("jk", "team~web~feature%252Flogin"), pipeline.Key);
        Assert.Equal("team/web/feature%2Flogin", pipeline.Repository);
        Assert.Equal("feature/login", pipeline.DefaultBranch);
        Assert.Equal(new Uri("https://ci.example.com/jenkins/job/team/job/web/job/feature%252Flogin/"), pipeline.WebUrl);
        Assert.Equal(JenkinsJob.WorkflowJobClass, pipeline.Extras[JenkinsMapper.ClassExtra]);
    }

    /// <summary>
    /// Fixtures/queue-item-left.json and queue-item-waiting.json — <c>hudson.model.Queue$LeftItem</c> with
    /// <c>executable</c> and <c>cancelled</c>, and a <c>Queue$WaitingItem</c> (core/src/main/java/hudson/model/Queue.java).
    /// </summary>
    [Fact]
    public void Queue_items_tell_the_build_they_became()
    {
        var left = Fixture.Read("queue-item-left.json", JenkinsJsonContext.Default.QueueItemDto);
        var waiting = Fixture.Read("queue-item-waiting.json", JenkinsJsonContext.Default.QueueItemDto);

        Assert.Equal((336L, false, 46L), (left.Id, left.Cancelled, left.Executable!.Number));
        Assert.Equal(new Uri("https://ci.example.com/jenkins/job/team/job/api/46/"), JenkinsMapper.ToUri(left.Executable.Url));
        Assert.Equal((337L, false), (waiting.Id, waiting.Cancelled));
        Assert.Null(waiting.Executable);
        Assert.Equal("In the quiet period. Expires in 4.9 sec", waiting.Why);
        Assert.Equal(336, JenkinsQueueFollower.QueueIdOf(new Uri("https://ci.example.com/jenkins/queue/item/336/")));
    }

    /// <summary>
    /// Fixtures/crumb-issuer.json and who-am-i.json — <c>hudson.security.csrf.CrumbIssuer</c> (<c>crumb</c>,
    /// <c>crumbRequestField</c>) and <c>hudson.security.WhoAmI</c> (core/src/main/java/hudson/security/csrf/CrumbIssuer.java, WhoAmI.java).
    /// </summary>
    [Fact]
    public void Crumb_and_identity_documents_read()
    {
        var crumb = Fixture.Read("crumb-issuer.json", JenkinsJsonContext.Default.CrumbDto);
        var me = Fixture.Read("who-am-i.json", JenkinsJsonContext.Default.WhoAmIDto);

        Assert.Equal("Jenkins-Crumb", crumb.CrumbRequestField);
        Assert.Equal(64, crumb.Crumb.Length);
        Assert.Equal(("ada", false), (me.Name, me.Anonymous));
        Assert.Equal(["authenticated", "team-leads"], me.Authorities);
    }
}
