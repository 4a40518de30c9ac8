using System.Globalization;

namespace FlowForge.Emulators.Jenkins.State;

/// <summary>The build queue: requests wait out their quiet period, wait while blocked, then start as builds.</summary>
internal sealed partial class JenkinsState
{
    private readonly List<QueueEntry> _queue = [];
    private readonly List<EmulatedTrigger> _triggers = [];
    private long _nextQueueId = 1;
    private int _commits;

    /// <summary>Every request still in the queue and every left item Jenkins still remembers, oldest first.</summary>
    public IReadOnlyList<QueueEntry> Queue => _queue;

    /// <summary>Queues a build the scenario starts later (<see cref="StartBuild"/>), as a build waiting for an executor does.</summary>
    public EmulatedQueueItem Enqueue(string jobFullName, JenkinsBuildSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        lock (_gate)
        {
            Tick();
            var job = Job(jobFullName);
            var entry = NewEntry(job, Pending(job, spec), Now, autoStart: false);
            return Snapshot(entry);
        }
    }

    /// <summary>
    /// A build requested over the API (<c>build</c>, <c>buildWithParameters</c>): it waits out <paramref name="delay"/>
    /// and starts by itself when <see cref="JenkinsEmulatorOptions.StartTriggeredBuilds"/> is on. As Jenkins does, a request
    /// identical to one still waiting (same job, same parameters) is merged into it. Call inside <see cref="Read{T}"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A value Jenkins refuses (a choice outside its choices).</exception>
    public QueueEntry Schedule(ItemNode job, string endpoint, string user, IReadOnlyDictionary<string, string> received, TimeSpan delay)
    {
        var pending = new PendingBuild(
            [new CauseInfo("hudson.model.Cause$UserIdCause", $"Started by user {FullNameOf(user)}", user, FullNameOf(user))],
            Values(job, received),
            HeadOf(job),
            FullNameOf(user));
        var entry = _queue.FirstOrDefault(candidate => candidate.Job == job && !candidate.HasLeft
                && candidate.Pending.Parameters.SequenceEqual(pending.Parameters))
            ?? NewEntry(job, pending, Now + delay, autoStart: _options.StartTriggeredBuilds);
        _triggers.Add(new EmulatedTrigger(Now, job.FullName, endpoint, user, received, entry.Id));
        StartDueQueueItems(Now);
        return entry;
    }

    public EmulatedBuild StartBuild(long queueId)
    {
        lock (_gate)
        {
            Tick();
            var entry = _queue.FirstOrDefault(candidate => candidate.Id == queueId && !candidate.HasLeft)
                ?? throw new KeyNotFoundException($"Queue item {queueId} is not waiting in the queue.");
            return Snapshot(Start(entry));
        }
    }

    /// <summary>Takes a waiting request out of the queue (<c>POST /queue/cancelItem</c>); false when it already left.</summary>
    public bool CancelQueueItem(long queueId)
    {
        lock (_gate)
        {
            Tick();
            var entry = _queue.FirstOrDefault(candidate => candidate.Id == queueId && !candidate.HasLeft);
            if (entry is null)
            {
                return false;
            }

            entry.Cancelled = true;
            entry.LeftAt = Now;
            return true;
        }
    }

    public IReadOnlyList<EmulatedQueueItem> QueueItems()
    {
        lock (_gate)
        {
            Tick();
            return [.. _queue.Select(Snapshot)];
        }
    }

    public IReadOnlyList<EmulatedTrigger> Triggers()
    {
        lock (_gate)
        {
            return [.. _triggers];
        }
    }

    /// <summary>A waiting item: in its quiet period, blocked by a running build of a job without concurrent builds, or buildable.</summary>
    public string StateOf(QueueEntry entry) =>
        entry.HasLeft ? "left"
        : Now < entry.DueAt ? "waiting"
        : IsBlocked(entry) ? "blocked"
        : "buildable";

    public static bool IsBlocked(QueueEntry entry) => !entry.Job.Job!.Spec.ConcurrentBuilds && entry.Job.Job.IsBuilding;

    private void StartDueQueueItems(DateTimeOffset now)
    {
        foreach (var entry in _queue.Where(entry => entry.AutoStart && !entry.HasLeft && now >= entry.DueAt).ToList())
        {
            if (!IsBlocked(entry) && !entry.Job.Job!.Disabled)
            {
                Start(entry);
            }
        }
    }

    private QueueEntry NewEntry(ItemNode job, PendingBuild pending, DateTimeOffset dueAt, bool autoStart)
    {
        var entry = new QueueEntry { Id = _nextQueueId++, Job = job, InQueueSince = Now, DueAt = dueAt, AutoStart = autoStart, Pending = pending };
        _queue.Add(entry);
        return entry;
    }

    private PendingBuild Pending(ItemNode job, JenkinsBuildSpec spec)
    {
        var user = spec.UserId ?? DefaultUser;
        var branch = spec.Branch ?? job.Branch ?? "main";
        CauseInfo cause = spec.Cause switch
        {
            JenkinsCause.Scm => new("hudson.triggers.SCMTrigger$SCMTriggerCause", "Started by an SCM change"),
            JenkinsCause.Timer => new("hudson.triggers.TimerTrigger$TimerTriggerCause", "Started by timer"),
            JenkinsCause.BranchEvent => new("jenkins.branch.BranchEventCause", $"Push event to branch {branch}"),
            JenkinsCause.BranchIndexing => new("jenkins.branch.BranchIndexingCause", "Branch indexing"),
            _ => new("hudson.model.Cause$UserIdCause", $"Started by user {FullNameOf(user)}", user, FullNameOf(user)),
        };
        var sha = spec.Sha ?? GitId($"{job.FullName}/{spec.CommitMessage}/{++_commits}");
        var commit = new CommitState(sha, spec.CommitMessage, spec.AuthorName, spec.AuthorEmail, branch, Now);
        return new PendingBuild([cause], Values(job, spec.Parameters ?? new Dictionary<string, string>()), commit, cause.UserName ?? spec.AuthorName);
    }

    /// <summary>The job's parameters with the values given (booleans parsed as Jenkins does), the others at their defaults.</summary>
    private static List<ParameterValue> Values(ItemNode job, IReadOnlyDictionary<string, string> given)
    {
        var values = new List<ParameterValue>();
        foreach (var definition in job.Job!.Spec.Parameters ?? [])
        {
            var value = given.TryGetValue(definition.Name, out var text) ? text : Default(definition);
            if (definition.Type == JenkinsParameterType.Boolean)
            {
                value = bool.TryParse(value, out var flag) && flag ? "true" : "false";
            }
            else if (definition.Type == JenkinsParameterType.Choice && !(definition.Choices ?? []).Contains(value, StringComparer.Ordinal))
            {
                throw new ArgumentException($"Illegal choice for parameter {definition.Name}: {value}");
            }

            values.Add(new ParameterValue(definition.Name, definition.Type, value));
        }

        return values;
    }

    internal static string Default(JenkinsParameterSpec definition) =>
        definition.DefaultValue ?? definition.Type switch
        {
            JenkinsParameterType.Boolean => "false",
            JenkinsParameterType.Choice => definition.Choices is { Count: > 0 } choices ? choices[0] : "",
            _ => "",
        };

    /// <summary>What a build requested by hand checks out: the branch's newest commit, which the job's last build saw.</summary>
    private CommitState HeadOf(ItemNode job)
    {
        var last = job.Job!.Builds.Values.FirstOrDefault()?.Pending.Commit;
        return last is null
            ? new CommitState(GitId($"{job.FullName}/head/{++_commits}"), "Initial commit", "Jenkins Admin", "admin@example.com", job.Branch ?? "main", Now)
            : last with { Timestamp = Now };
    }

    private EmulatedQueueItem Snapshot(QueueEntry entry) =>
        new(entry.Id, entry.Job.FullName, StateOf(entry), entry.BuildNumber, entry.Cancelled, entry.InQueueSince);

    internal static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
