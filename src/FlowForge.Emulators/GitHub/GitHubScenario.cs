using FlowForge.Emulators.GitHub.State;

namespace FlowForge.Emulators.GitHub;

/// <summary>
/// Scripts what the emulated GitHub contains. Thread-safe; every change is visible to the next API request
/// (and changes its ETag), and run and job changes are delivered to <see cref="GitHubEmulator.Webhooks"/> subscriptions.
/// Times come from the emulator's <see cref="TimeProvider"/>.
/// </summary>
public sealed class GitHubScenario
{
    private readonly EmulatorState _state;

    internal GitHubScenario(EmulatorState state) => _state = state;

    public EmulatedRepository AddRepository(string owner, string name, string defaultBranch = "main", string? description = null) =>
        _state.AddRepository(owner, name, defaultBranch, description);

    /// <summary>Forks a repository: the fork carries <c>parent</c> and <c>source</c> in <c>GET /repos/{owner}/{repo}</c>.</summary>
    public EmulatedRepository AddFork(string sourceFullName, string owner, string? name = null) =>
        _state.AddFork(sourceFullName, owner, name);

    public IReadOnlyList<EmulatedRepository> Repositories() => [.. _state.Repositories().OrderBy(r => r.FullName, StringComparer.OrdinalIgnoreCase)];

    public EmulatedRepository GetRepository(string fullName) =>
        _state.Repository(fullName) ?? throw new KeyNotFoundException($"Repository '{fullName}' does not exist.");

    /// <summary>Adds a workflow; its id is unique across the emulator.</summary>
    /// <param name="path">Like <c>.github/workflows/ci.yml</c>.</param>
    /// <param name="content">
    /// The workflow file (served by the contents API, where clients discover <c>workflow_dispatch</c> inputs); null
    /// gives a small file triggered by push, pull_request and workflow_dispatch (without inputs).
    /// </param>
    public EmulatedWorkflow AddWorkflow(string repositoryFullName, string name, string path, string? content = null) =>
        _state.AddWorkflow(repositoryFullName, name, path, content);

    /// <summary>Replaces the workflow file on the default branch, as a push changing it would.</summary>
    public EmulatedWorkflow UpdateWorkflowFile(long workflowId, string content) => _state.UpdateWorkflowFile(workflowId, content);

    /// <summary>
    /// Gives the workflow another file on one branch or tag only (which becomes known, see <see cref="AddRef"/>), as a
    /// push to that ref would; the contents API and dispatches to that ref use it, every other ref keeps the default
    /// branch's file.
    /// </summary>
    public void UpdateWorkflowFileAt(long workflowId, string gitRef, string content) => _state.SetWorkflowFileAt(workflowId, gitRef, content);

    /// <summary>The workflow's file as the contents API serves it at <paramref name="gitRef"/>.</summary>
    public string WorkflowFileAt(long workflowId, string gitRef) =>
        _state.FileAt(_state.Workflow(workflowId) ?? throw new KeyNotFoundException($"Workflow {workflowId} does not exist."), gitRef);

    /// <summary>
    /// Makes a branch or tag exist. The contents API answers 404 and dispatches 422 for refs the repository does not
    /// have; it has its default branch, the branches (and commits) its runs ran on, and the refs added here.
    /// </summary>
    public void AddRef(string repositoryFullName, string gitRef) => _state.AddRef(repositoryFullName, gitRef);

    /// <summary>Every dispatch the API accepted, oldest first, with the inputs exactly as the request sent them.</summary>
    public IReadOnlyList<EmulatedDispatch> Dispatches() => _state.Dispatches();

    /// <summary>Deletes a workflow (its file is gone): it leaves the workflow list; its runs stay in the repository's runs.</summary>
    public void RemoveWorkflow(long workflowId) => _state.RemoveWorkflow(workflowId);

    public IReadOnlyList<EmulatedWorkflow> Workflows(string repositoryFullName) =>
        _state.Workflows(GetRepository(repositoryFullName).Id);

    /// <summary>Creates a run in status <c>queued</c> with its jobs queued.</summary>
    public EmulatedRun StartRun(long workflowId, RunSpec spec) => _state.StartRun(workflowId, spec);

    /// <summary>queued → in_progress: the first job starts on a runner, its first step runs.</summary>
    public void BeginRun(long runId) => _state.Begin(runId);

    /// <summary>
    /// Finishes the running step successfully and starts the next step, or the next job. A queued run begins;
    /// after the last step of the last job the run completes with <c>success</c>.
    /// </summary>
    public EmulatedRun AdvanceRun(long runId) => _state.Advance(runId);

    /// <summary>
    /// Completes the run with <paramref name="conclusion"/> (see <see cref="GitHubConclusion"/>) and its unfinished jobs and
    /// steps consistently: on failure the running job fails at its last working step and later jobs are skipped;
    /// on cancellation the running step is cancelled and later jobs cancelled. Job logs become available.
    /// </summary>
    public void CompleteRun(long runId, string conclusion) => _state.Complete(runId, conclusion);

    /// <summary>Re-runs a completed run as its next attempt (like <c>POST …/rerun</c> or <c>…/rerun-failed-jobs</c>).</summary>
    /// <param name="actor">The triggering actor; null keeps the run's actor.</param>
    public EmulatedRun RerunRun(long runId, bool failedJobsOnly = false, string? actor = null) =>
        _state.Rerun(runId, failedJobsOnly ? RerunScope.Failed : RerunScope.All, actor ?? GetRun(runId).Actor);

    /// <summary>
    /// Adds a run that started at <paramref name="startedAt"/> and completed after <paramref name="duration"/>,
    /// for seeding history. Add historical runs oldest first so run ids grow with time, as on GitHub.
    /// </summary>
    public EmulatedRun AddCompletedRun(long workflowId, RunSpec spec, string conclusion, DateTimeOffset startedAt, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        var run = _state.StartRun(workflowId, spec, startedAt);
        _state.Begin(run.Id, startedAt);
        return _state.Complete(run.Id, conclusion, startedAt + duration);
    }

    /// <summary>The latest attempt of the run.</summary>
    public EmulatedRun GetRun(long runId) => _state.Run(runId) ?? throw new KeyNotFoundException($"Run {runId} does not exist.");

    /// <summary>One attempt (1-based) of the run.</summary>
    public EmulatedRun GetRunAttempt(long runId, int attempt) =>
        _state.RunAttempt(runId, attempt) ?? throw new KeyNotFoundException($"Run {runId} has no attempt {attempt}.");

    /// <summary>The latest attempt of every run of the repository, newest first (as the API lists them).</summary>
    public IReadOnlyList<EmulatedRun> Runs(string repositoryFullName) => _state.Runs(GetRepository(repositoryFullName).Id);

    public EmulatedJob GetJob(long jobId) =>
        _state.Job(jobId)?.Job ?? throw new KeyNotFoundException($"Job {jobId} does not exist.");

    /// <summary>Accepts <paramref name="token"/> for the user <paramref name="login"/> from now on.</summary>
    public void AddToken(string token, string login) => _state.AddToken(token, login);

    /// <summary>The token is rejected with 401 "Bad credentials" from now on, as after a revocation on GitHub.</summary>
    public bool RevokeToken(string token) => _state.RevokeToken(token);
}
