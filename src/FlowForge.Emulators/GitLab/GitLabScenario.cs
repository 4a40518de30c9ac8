using System.Globalization;
using FlowForge.Emulators.GitLab.State;

namespace FlowForge.Emulators.GitLab;

/// <summary>
/// Scripts what the emulated GitLab contains. Thread-safe; every change is visible to the next API request, and live
/// pipeline and job changes are delivered to <see cref="GitLabEmulator.Webhooks"/> subscriptions. Times come from the
/// emulator's <see cref="TimeProvider"/>.
/// </summary>
public sealed class GitLabScenario
{
    private readonly GitLabState _state;

    internal GitLabScenario(GitLabState state) => _state = state;

    /// <summary>Creates the group and any missing parent (<c>acme/platform</c> creates <c>acme</c> too).</summary>
    public GitLabGroup AddGroup(string fullPath, string? name = null) => _state.AddGroup(fullPath, name);

    /// <summary>Adds a project to a group (created if missing) or to a user's namespace.</summary>
    /// <param name="ciFile">The CI file on the default branch; null gives a <c>build</c> and a <c>test</c> job.</param>
    /// <param name="ciConfigPath">Where the CI file is, when not <c>.gitlab-ci.yml</c>.</param>
    public GitLabProject AddProject(
        string namespacePath, string path, string? name = null, string defaultBranch = "main", string? description = null, string? ciFile = null, string? ciConfigPath = null) =>
        _state.AddProject(namespacePath, path, name, defaultBranch, description, ciFile, ciConfigPath);

    public GitLabProject GetProject(long projectId) =>
        _state.Project(projectId.ToString(CultureInfo.InvariantCulture)) ?? throw new KeyNotFoundException($"Project {projectId} does not exist.");

    public GitLabProject GetProject(string pathWithNamespace) =>
        _state.Project(pathWithNamespace) ?? throw new KeyNotFoundException($"Project '{pathWithNamespace}' does not exist.");

    public IReadOnlyList<GitLabProject> Projects() => _state.Projects();

    /// <summary>Archives (or unarchives) a project; it stays listed, with <c>archived: true</c>.</summary>
    public GitLabProject SetArchived(long projectId, bool archived) => _state.UpdateProject(projectId, project => project with { Archived = archived });

    /// <summary>Turns the project's CI/CD feature off or on (<c>builds_access_level</c>).</summary>
    public GitLabProject SetJobsEnabled(long projectId, bool enabled) => _state.UpdateProject(projectId, project => project with { JobsEnabled = enabled });

    /// <summary>Writes a file (the CI file, say) on one branch or tag, which then exists; other refs keep the default branch's.</summary>
    public void SetFile(long projectId, string path, string content, string? gitRef = null) => _state.SetFile(projectId, path, content, gitRef);

    /// <summary>Makes a branch (or tag) exist at the default branch's head; GitLab refuses pipelines on refs that do not.</summary>
    public void AddRef(long projectId, string gitRef, bool tag = false) => _state.AddRef(projectId, gitRef, tag);

    /// <summary>A push to <see cref="PipelineSpec.Ref"/> and its pipeline: <c>pending</c>, first-stage jobs waiting for a runner.</summary>
    public GitLabPipeline StartPipeline(long projectId, PipelineSpec spec) => _state.StartPipeline(projectId, spec);

    /// <summary>pending → running: the first job starts on a runner, its log begins.</summary>
    public GitLabPipeline BeginPipeline(long pipelineId) => _state.Begin(pipelineId);

    /// <summary>The running job succeeds and the next one starts; a blocking manual job halts the pipeline in <c>manual</c>.</summary>
    public GitLabPipeline AdvancePipeline(long pipelineId) => _state.Advance(pipelineId);

    /// <summary>
    /// Ends the pipeline: <c>success</c> (every job that can run succeeds; a blocking manual job still waits, so the
    /// pipeline may stay <c>manual</c>), <c>failed</c> (the running job fails, the rest is skipped) or <c>canceled</c>.
    /// </summary>
    public GitLabPipeline CompletePipeline(long pipelineId, string status) => _state.Complete(pipelineId, status);

    /// <summary>What <c>POST …/pipelines/:id/cancel</c> does.</summary>
    public GitLabPipeline CancelPipeline(long pipelineId) => _state.Cancel(pipelineId);

    /// <summary>What <c>POST …/pipelines/:id/retry</c> does: new tries of failed and canceled jobs.</summary>
    public GitLabPipeline RetryPipeline(long pipelineId, string username = "root") => _state.Retry(pipelineId, username);

    /// <summary>What <c>POST …/jobs/:id/play</c> does: a manual job waits for a runner.</summary>
    public GitLabJob PlayJob(long jobId, string username = "root") => _state.PlayJob(jobId, username);

    /// <summary>
    /// A pipeline that ran from <paramref name="startedAt"/> for <paramref name="duration"/> and ended with
    /// <paramref name="status"/>, for seeding history (no deliveries); a successful one went through its blocking manual
    /// jobs (played by its author). Add history oldest first, so ids grow with time.
    /// </summary>
    public GitLabPipeline AddCompletedPipeline(long projectId, PipelineSpec spec, string status, DateTimeOffset startedAt, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        var pipeline = _state.StartPipeline(projectId, spec, startedAt - TimeSpan.FromSeconds(4));
        _state.Begin(pipeline.Id, startedAt);
        var end = startedAt + duration;
        pipeline = _state.Complete(pipeline.Id, status, end);

        // History that succeeded went through its manual gates: someone played them.
        while (pipeline.Status == GitLabStatus.Manual && pipeline.LatestJobs.FirstOrDefault(job => job.Status == GitLabStatus.Manual && job.IsBlocking) is { } gate)
        {
            _state.PlayJob(gate.Id, pipeline.Username, end);
            pipeline = _state.Complete(pipeline.Id, GitLabStatus.Success, end);
        }

        return pipeline;
    }

    public GitLabPipeline GetPipeline(long pipelineId) =>
        _state.Pipeline(pipelineId) ?? throw new KeyNotFoundException($"Pipeline {pipelineId} does not exist.");

    /// <summary>The project's pipelines, newest first.</summary>
    public IReadOnlyList<GitLabPipeline> Pipelines(long projectId) => _state.Pipelines(projectId);

    public GitLabJob GetJob(long jobId) => _state.Job(jobId)?.Job ?? throw new KeyNotFoundException($"Job {jobId} does not exist.");

    /// <summary>Every <c>POST …/pipeline</c> received, oldest first, with its variables and inputs exactly as sent.</summary>
    public IReadOnlyList<GitLabTrigger> Triggers() => _state.Triggers();

    /// <summary>Accepts <paramref name="token"/> for <paramref name="username"/> from now on.</summary>
    public void AddToken(string token, string username) => _state.AddToken(token, username);

    /// <summary>The token is refused with 401 from now on, as after a revocation.</summary>
    public bool RevokeToken(string token) => _state.RevokeToken(token);
}
