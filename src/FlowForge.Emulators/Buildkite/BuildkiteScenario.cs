using FlowForge.Emulators.Buildkite.State;

namespace FlowForge.Emulators.Buildkite;

/// <summary>
/// Scripts what the emulated Buildkite contains. Thread-safe; every change is visible to the next API request, and build
/// and job changes are delivered to <see cref="BuildkiteEmulator.Webhooks"/> subscriptions. Builds are addressed by
/// organization, pipeline slug and number, as in the API. Times come from the emulator's <see cref="TimeProvider"/>.
/// </summary>
public sealed class BuildkiteScenario
{
    private readonly BuildkiteState _state;

    internal BuildkiteScenario(BuildkiteState state) => _state = state;

    /// <summary>The text every started command job's log contains.</summary>
    public static string LogMarker => BuildProgress.LogMarker;

    public BuildkiteOrganization AddOrganization(string slug, string? name = null) => _state.AddOrganization(slug, name);

    public IReadOnlyList<BuildkiteOrganization> Organizations() => _state.Organizations();

    /// <summary>Adds a pipeline (and its organization if new); its slug is derived from the name unless given.</summary>
    /// <param name="steps">Its steps; null gives one command step.</param>
    /// <param name="env">The pipeline's environment variables, which FlowForge offers as trigger parameters.</param>
    public BuildkitePipeline AddPipeline(
        string organization, string name, IReadOnlyList<BuildkiteStep>? steps = null, IReadOnlyDictionary<string, string>? env = null,
        string defaultBranch = "main", string? description = null, string? slug = null) =>
        _state.AddPipeline(organization, name, steps, env, defaultBranch, description, slug);

    /// <summary>Archives a pipeline: listed with <c>archived_at</c>, and builds can no longer be created.</summary>
    public void ArchivePipeline(string organization, string slug) => _state.ArchivePipeline(organization, slug);

    public IReadOnlyList<BuildkitePipeline> Pipelines(string organization) => _state.Pipelines(organization);

    /// <summary>A new build in state <c>scheduled</c>, its first commands scheduled (as a push would create it).</summary>
    public BuildkiteBuild StartBuild(string organization, string pipeline, BuildkiteBuildSpec spec) => _state.StartBuild(organization, pipeline, spec, creator: null);

    /// <summary>scheduled → running: the first job starts on an agent.</summary>
    public BuildkiteBuild BeginBuild(string organization, string pipeline, long number) =>
        _state.Change(organization, pipeline, number, BuildProgress.Begin);

    /// <summary>
    /// The running job finishes (passing, or failing when <paramref name="passes"/> is false) and the next one starts;
    /// wait steps pass once everything before them passed; a block step stops the build (<c>blocked</c>).
    /// </summary>
    public BuildkiteBuild AdvanceBuild(string organization, string pipeline, long number, bool passes = true) =>
        _state.Change(organization, pipeline, number, (build, now) => BuildProgress.Advance(build, passes, now));

    /// <summary>Runs the build to its end: all passes (block steps get unblocked), or the next job fails and with it the build.</summary>
    public BuildkiteBuild CompleteBuild(string organization, string pipeline, long number, bool passed) =>
        _state.Change(organization, pipeline, number, (build, now) => BuildProgress.Complete(build, passed, build.Creator ?? build.Author, now));

    /// <summary>Unblocks the build's block step (the first one blocked, or <paramref name="jobId"/>), as a person with the given field values.</summary>
    public BuildkiteBuild UnblockBuild(string organization, string pipeline, long number, string? jobId = null, IReadOnlyDictionary<string, string>? fields = null) =>
        _state.Change(organization, pipeline, number, (build, now) =>
            BuildProgress.Unblock(
                build,
                build.Current.FirstOrDefault(job => jobId is null ? job.State == BuildkiteStates.Blocked : job.Id == jobId)
                    ?? throw new InvalidOperationException($"Build {number} has no {(jobId is null ? "blocked job" : $"job {jobId}")}."),
                build.Creator ?? build.Author,
                fields,
                now));

    /// <summary>Cancels the build as the API does (refused unless it is scheduled, running or failing).</summary>
    public BuildkiteBuild CancelBuild(string organization, string pipeline, long number) =>
        _state.Change(organization, pipeline, number, BuildProgress.Cancel);

    /// <summary>A build that ran in the past, for history (build numbers follow the order of the calls). Not delivered to webhooks.</summary>
    public BuildkiteBuild AddFinishedBuild(string organization, string pipeline, BuildkiteBuildSpec spec, bool passed, DateTimeOffset startedAt, TimeSpan duration) =>
        _state.AddFinishedBuild(organization, pipeline, spec, passed, startedAt, duration);

    public BuildkiteBuild GetBuild(string organization, string pipeline, long number) =>
        _state.Build(organization, pipeline, number) ?? throw new KeyNotFoundException($"Build {number} of '{organization}/{pipeline}' does not exist.");

    /// <summary>A pipeline's builds, or the organization's when <paramref name="pipeline"/> is null; newest first.</summary>
    public IReadOnlyList<BuildkiteBuild> Builds(string organization, string? pipeline = null) => _state.Builds(organization, pipeline);

    /// <summary>Every create-build request the API accepted, oldest first, with its values as sent.</summary>
    public IReadOnlyList<BuildkiteTrigger> Triggers() => _state.Triggers();

    public void AddToken(string token, BuildkiteToken owner) => _state.AddToken(token, owner);

    /// <summary>The token gets 401 from now on, as after revoking it.</summary>
    public bool RevokeToken(string token) => _state.RevokeToken(token);
}
