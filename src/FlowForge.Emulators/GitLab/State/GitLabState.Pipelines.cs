using System.Text.Json;

namespace FlowForge.Emulators.GitLab.State;

/// <summary>Pipelines and their jobs: creation, progress, retries, plays and cancellations.</summary>
internal sealed partial class GitLabState
{
    private readonly Dictionary<long, GitLabPipeline> _pipelines = [];
    private readonly Dictionary<long, List<long>> _pipelineIdsByProject = [];
    private readonly Dictionary<long, long> _lastIid = [];
    private readonly Dictionary<long, long> _pipelineIdByJobId = [];
    private readonly List<GitLabTrigger> _triggers = [];
    private long _nextPipelineId = 900_000_001;
    private long _nextJobId = 8_000_000_001;
    private long _nextRunner = 1;

    /// <summary>
    /// Called with the previous snapshot (null for a new pipeline) and the new one whenever a pipeline or its jobs
    /// change live, inside the state's lock: it must be quick and must not throw.
    /// </summary>
    public Action<GitLabPipeline?, GitLabPipeline>? PipelineChanged { get; set; }

    /// <summary>A pushed commit (or <see cref="PipelineSpec.Sha"/>) and its pipeline; seeded history passes <paramref name="at"/>.</summary>
    public GitLabPipeline StartPipeline(long projectId, PipelineSpec spec, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        lock (_gate)
        {
            var project = ProjectOrThrow(projectId);
            var now = at ?? Now;
            var user = EnsureUser(spec.Username, spec.AuthorName, spec.AuthorEmail);
            var refs = _refs[projectId];
            var before = refs.GetValueOrDefault(spec.Ref)?.Head.Id ?? new string('0', 40);
            var commit = spec.Sha is { } sha
                ? new GitLabCommit(sha, spec.CommitMessage, spec.AuthorName, spec.AuthorEmail, now)
                : NewCommit(projectId, spec.Ref, spec.CommitMessage, spec.AuthorName, spec.AuthorEmail, now);
            var tag = refs.GetValueOrDefault(spec.Ref)?.Tag ?? false;
            refs[spec.Ref] = new RefHead(tag, commit);
            if (now > project.LastActivityAt)
            {
                _projects[projectId] = project with { LastActivityAt = now };
            }

            var jobs = spec.Jobs ?? CiConfig.Parse(FileAt(project, spec.Ref)).Jobs;
            return Create(project, spec.Ref, tag, commit, before, spec.Source, user.Username, spec.Name, jobs, [], now, live: at is null);
        }
    }

    /// <summary>
    /// <c>POST /projects/:id/pipeline</c>: at the ref's head commit, with the jobs and inputs of the CI file at the ref.
    /// Every call is recorded, refused or not.
    /// </summary>
    public (GitLabPipeline? Pipeline, IReadOnlyList<string> Errors) CreateFromApi(
        long projectId, string gitRef, string username, IReadOnlyList<GitLabVariable> variables, IReadOnlyDictionary<string, JsonElement> inputs)
    {
        lock (_gate)
        {
            var project = ProjectOrThrow(projectId);
            IReadOnlyList<string> errors;
            GitLabPipeline? pipeline = null;
            var head = _refs[projectId].GetValueOrDefault(gitRef);
            if (head is null)
            {
                errors = ["Reference not found"];
            }
            else
            {
                var config = CiConfig.Parse(FileAt(project, gitRef));
                errors = config.Validate(inputs);
                if (errors.Count == 0)
                {
                    pipeline = Create(project, gitRef, head.Tag, head.Head, head.Head.Id, "api", username, null, config.Jobs, variables, Now, live: true);
                }
            }

            _triggers.Add(new GitLabTrigger(
                Now, projectId, gitRef, variables, inputs.ToDictionary(pair => pair.Key, pair => pair.Value.GetRawText(), StringComparer.Ordinal), pipeline?.Id, errors));
            return (pipeline, errors);
        }
    }

    public IReadOnlyList<GitLabTrigger> Triggers()
    {
        lock (_gate)
        {
            return [.. _triggers];
        }
    }

    public GitLabPipeline? Pipeline(long pipelineId)
    {
        lock (_gate)
        {
            return _pipelines.GetValueOrDefault(pipelineId);
        }
    }

    /// <summary>The project's pipelines, newest first.</summary>
    public IReadOnlyList<GitLabPipeline> Pipelines(long projectId)
    {
        lock (_gate)
        {
            return PipelinesOf(projectId);
        }
    }

    public (GitLabJob Job, GitLabPipeline Pipeline)? Job(long jobId)
    {
        lock (_gate)
        {
            return _pipelineIdByJobId.TryGetValue(jobId, out var pipelineId) && _pipelines[pipelineId] is var pipeline
                ? (pipeline.Jobs.First(job => job.Id == jobId), pipeline)
                : null;
        }
    }

    private IReadOnlyList<GitLabPipeline> PipelinesOf(long projectId) =>
        _pipelineIdsByProject.TryGetValue(projectId, out var ids) ? [.. ids.AsEnumerable().Reverse().Select(id => _pipelines[id])] : [];

    private GitLabPipeline Create(
        GitLabProject project, string gitRef, bool tag, GitLabCommit commit, string beforeSha, string source, string username, string? name,
        IReadOnlyList<JobSpec> specs, IReadOnlyList<GitLabVariable> variables, DateTimeOffset now, bool live)
    {
        var id = _nextPipelineId++;
        var iid = _lastIid[project.Id] = _lastIid.GetValueOrDefault(project.Id) + 1;
        var firstStage = specs.FirstOrDefault(spec => !spec.Manual)?.Stage;
        var jobs = specs.Select(spec => NewJob(id, project.Id, spec, spec.Manual ? GitLabStatus.Manual : spec.Stage == firstStage ? GitLabStatus.Pending : GitLabStatus.Created, username, now)).ToList();
        var pipeline = new GitLabPipeline(
            id, iid, project.Id, PipelineLifecycle.Composite(jobs), source, gitRef, tag, commit.Id, beforeSha, name, commit, username, now, now, null, null, jobs, variables);
        _pipelines[id] = pipeline;
        (_pipelineIdsByProject.TryGetValue(project.Id, out var ids) ? ids : _pipelineIdsByProject[project.Id] = []).Add(id);
        if (live)
        {
            PipelineChanged?.Invoke(null, pipeline);
        }

        return pipeline;
    }

    private GitLabJob NewJob(long pipelineId, long projectId, JobSpec spec, string status, string username, DateTimeOffset now)
    {
        var id = _nextJobId++;
        _pipelineIdByJobId[id] = pipelineId;
        return new GitLabJob(id, pipelineId, projectId, spec.Name, spec.Stage, status, spec.AllowFailure, spec.Manual, false, now, null, null, null, null, username, "");
    }

    private GitLabJob NewTry(GitLabJob job, long pipelineId, string username, DateTimeOffset now)
    {
        var id = _nextJobId++;
        _pipelineIdByJobId[id] = pipelineId;
        return PipelineLifecycle.Clone(job, id, username, now);
    }

    private string NextRunner() => $"gitlab-runner-{(_nextRunner++ % 4) + 1}";

    private string? FileAt(GitLabProject project, string gitRef) =>
        _files.GetValueOrDefault((project.Id, project.CiFilePath, gitRef)) ?? _files.GetValueOrDefault((project.Id, project.CiFilePath, project.DefaultBranch));
}
