using FlowForge.Emulators.Jenkins.State;

namespace FlowForge.Emulators.Jenkins;

/// <summary>
/// Scripts what the emulated Jenkins contains. Thread-safe; every change is visible to the next API request. Times come
/// from the emulator's <see cref="TimeProvider"/>. Full names use '/' between folders (<c>team/api</c>), as Jenkins' do.
/// </summary>
public sealed class JenkinsScenario
{
    private readonly JenkinsState _state;

    internal JenkinsScenario(JenkinsState state) => _state = state;

    /// <summary>A folder (<c>com.cloudbees.hudson.plugins.folder.Folder</c>); missing parent folders are created too.</summary>
    public EmulatedItem AddFolder(string fullName, string? description = null) => _state.AddFolder(fullName, description, multibranch: false);

    /// <summary>A multibranch project (<c>WorkflowMultiBranchProject</c>), whose jobs are its branches (<see cref="AddBranch"/>).</summary>
    public EmulatedItem AddMultibranchProject(string fullName, string? description = null) => _state.AddFolder(fullName, description, multibranch: true);

    /// <summary>A branch of a multibranch project: a Pipeline job named by the branch, percent-encoded (<c>feature%2Fx</c>).</summary>
    public EmulatedItem AddBranch(string projectFullName, string branch, JenkinsJobSpec? spec = null) =>
        _state.AddBranch(projectFullName, branch, spec ?? new JenkinsJobSpec());

    /// <summary>A Pipeline job (<c>WorkflowJob</c>) with stages; missing parent folders are created.</summary>
    public EmulatedItem AddPipelineJob(string fullName, JenkinsJobSpec? spec = null) => _state.AddJob(fullName, pipeline: true, spec ?? new JenkinsJobSpec());

    /// <summary>A freestyle job (<c>FreeStyleProject</c>): builds without stages.</summary>
    public EmulatedItem AddFreestyleJob(string fullName, JenkinsJobSpec? spec = null) => _state.AddJob(fullName, pipeline: false, spec ?? new JenkinsJobSpec());

    /// <summary>A disabled job keeps its builds but refuses new ones (409 "… is not buildable").</summary>
    public void SetDisabled(string jobFullName, bool disabled) => _state.SetDisabled(jobFullName, disabled);

    /// <summary>Deletes an item and everything in it; its queue items go too.</summary>
    public void RemoveItem(string fullName) => _state.Remove(fullName);

    public EmulatedItem GetItem(string fullName) => _state.Item(fullName);

    /// <summary>Every folder, project and job, depth first.</summary>
    public IReadOnlyList<EmulatedItem> Items() => _state.Items();

    /// <summary>
    /// Queues a build that waits for an executor until <see cref="StartBuild"/>: its build will take the job's next build
    /// number when it starts.
    /// </summary>
    public EmulatedQueueItem QueueBuild(string jobFullName, JenkinsBuildSpec spec) => _state.Enqueue(jobFullName, spec);

    /// <summary>The queue item leaves the queue as the job's next build, which checks out its commit and enters its first stage.</summary>
    public EmulatedBuild StartBuild(long queueId) => _state.StartBuild(queueId);

    /// <summary>Takes a waiting queue item out of the queue, as <c>POST /queue/cancelItem</c> does; false once it left.</summary>
    public bool CancelQueueItem(long queueId) => _state.CancelQueueItem(queueId);

    /// <summary>Finishes the running step and starts the next step or stage; after the last one the build succeeds.</summary>
    public EmulatedBuild AdvanceBuild(string jobFullName, int number) => _state.Advance(jobFullName, number);

    /// <summary>
    /// Ends the build with <paramref name="result"/> (see <see cref="JenkinsResult"/>): success runs the remaining stages to
    /// their end; failure and abort end the running stage with it, and no later stage runs.
    /// </summary>
    public EmulatedBuild CompleteBuild(string jobFullName, int number, string result) => _state.Complete(jobFullName, number, result);

    /// <summary>Adds a finished build for history. Add history oldest first, so build numbers grow with time.</summary>
    public EmulatedBuild AddCompletedBuild(string jobFullName, JenkinsBuildSpec spec, string result, DateTimeOffset startedAt, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        return _state.AddCompletedBuild(jobFullName, spec, result, startedAt, duration);
    }

    public EmulatedBuild GetBuild(string jobFullName, int number) => _state.GetBuild(jobFullName, number);

    /// <summary>The job's builds, newest first.</summary>
    public IReadOnlyList<EmulatedBuild> Builds(string jobFullName) => _state.Builds(jobFullName);

    /// <summary>Every build still running.</summary>
    public IReadOnlyList<EmulatedBuild> RunningBuilds() => _state.RunningBuilds();

    /// <summary>The queue, and the items that left it within the last five minutes.</summary>
    public IReadOnlyList<EmulatedQueueItem> QueueItems() => _state.QueueItems();

    /// <summary>Every build request the API accepted, oldest first, with the parameters exactly as received.</summary>
    public IReadOnlyList<EmulatedTrigger> Triggers() => _state.Triggers();

    /// <summary>Accepts <paramref name="token"/> as an API token of <paramref name="user"/> from now on.</summary>
    public void AddUser(string user, string token) => _state.AddUser(user, token);

    /// <summary>The token is refused with 401 from now on, as after revoking it.</summary>
    public bool RevokeToken(string token) => _state.RevokeToken(token);
}
