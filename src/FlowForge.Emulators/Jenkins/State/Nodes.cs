using System.Text;

namespace FlowForge.Emulators.Jenkins.State;

internal enum ItemKind
{
    Root,
    Folder,
    Multibranch,
    Pipeline,
    Freestyle,
}

/// <summary>An item of the tree: the root, a folder, a multibranch project or a job. Mutable, guarded by the state's lock.</summary>
internal sealed class ItemNode(string name, ItemKind kind, ItemNode? parent)
{
    public const string FolderClass = "com.cloudbees.hudson.plugins.folder.Folder";
    public const string MultibranchClass = "org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject";
    public const string PipelineClass = "org.jenkinsci.plugins.workflow.job.WorkflowJob";
    public const string FreestyleClass = "hudson.model.FreeStyleProject";

    public string Name { get; } = name;

    public ItemKind Kind { get; } = kind;

    public ItemNode? Parent { get; } = parent;

    public string? Description { get; set; }

    /// <summary>The branch a multibranch project's job builds; its <see cref="Name"/> is the branch percent-encoded.</summary>
    public string? Branch { get; init; }

    public List<ItemNode> Children { get; } = [];

    /// <summary>Set for jobs.</summary>
    public JobState? Job { get; init; }

    public bool IsFolder => Kind is ItemKind.Root or ItemKind.Folder or ItemKind.Multibranch;

    public string Class => Kind switch
    {
        ItemKind.Root => "hudson.model.Hudson",
        ItemKind.Folder => FolderClass,
        ItemKind.Multibranch => MultibranchClass,
        ItemKind.Pipeline => PipelineClass,
        _ => FreestyleClass,
    };

    public string BuildClass => Kind == ItemKind.Pipeline ? "org.jenkinsci.plugins.workflow.job.WorkflowRun" : "hudson.model.FreeStyleBuild";

    public string DisplayName => Branch ?? Name;

    public IEnumerable<ItemNode> Ancestry()
    {
        var chain = new Stack<ItemNode>();
        for (var node = this; node is not null && node.Kind != ItemKind.Root; node = node.Parent)
        {
            chain.Push(node);
        }

        return chain;
    }

    public string FullName => string.Join('/', Ancestry().Select(node => node.Name));

    public string FullDisplayName => string.Join(" » ", Ancestry().Select(node => node.DisplayName));

    /// <summary>Relative to the Jenkins root: <c>job/team/job/api/</c>.</summary>
    public string Path
    {
        get
        {
            var path = new StringBuilder();
            foreach (var node in Ancestry())
            {
                path.Append("job/").Append(Uri.EscapeDataString(node.Name)).Append('/');
            }

            return path.ToString();
        }
    }

    public IEnumerable<ItemNode> Descendants() => Children.SelectMany(child => child.Descendants().Prepend(child));
}

/// <summary>A job's builds and settings.</summary>
internal sealed class JobState(JenkinsJobSpec spec, string repositoryUrl)
{
    public JenkinsJobSpec Spec { get; set; } = spec;

    public string RepositoryUrl { get; } = repositoryUrl;

    public bool Disabled { get; set; } = spec.Disabled;

    public int NextBuildNumber { get; set; } = 1;

    /// <summary>Newest first, as Jenkins lists them.</summary>
    public SortedDictionary<int, BuildState> Builds { get; } = new(Comparer<int>.Create((a, b) => b.CompareTo(a)));

    public bool IsBuilding => Builds.Values.Any(build => build.Building);
}

internal sealed record CauseInfo(string Class, string ShortDescription, string? UserId = null, string? UserName = null);

internal sealed record CommitState(string Sha, string Message, string AuthorName, string AuthorEmail, string Branch, DateTimeOffset Timestamp);

/// <summary>A parameter value as a build or queue item holds it (<c>hudson.model.*ParameterValue</c>).</summary>
internal sealed record ParameterValue(string Name, JenkinsParameterType Type, string Value);

/// <summary>What a queued request will build: resolved when it was queued, used when it starts.</summary>
internal sealed record PendingBuild(IReadOnlyList<CauseInfo> Causes, IReadOnlyList<ParameterValue> Parameters, CommitState Commit, string UserName);

internal sealed class BuildState
{
    public required ItemNode Job { get; init; }

    public required int Number { get; init; }

    public required long QueueId { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public required PendingBuild Pending { get; init; }

    public required string Agent { get; init; }

    public bool Building { get; set; } = true;

    public string? Result { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public List<StageState> Stages { get; } = [];

    /// <summary>The index in the job's stage specs of the next stage to begin.</summary>
    public int NextStage { get; set; }

    public StringBuilder Log { get; } = new();

    public int NextNodeId { get; set; } = 3;

    public string Path => $"{Job.Path}{Number}/";

    public StageState? RunningStage => Stages.LastOrDefault(stage => stage.Status == StageStatus.InProgress);
}

internal sealed class StageState(string id, string name, DateTimeOffset start)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public string Status { get; set; } = StageStatus.InProgress;

    public DateTimeOffset Start { get; } = start;

    public DateTimeOffset? End { get; set; }

    public List<StepState> Steps { get; } = [];

    /// <summary>The index in the stage spec of the next step to begin.</summary>
    public int NextStep { get; set; }

    public string ExecNode { get; init; } = "";

    public string? Error { get; set; }
}

internal sealed class StepState(string id, JenkinsStepSpec spec, DateTimeOffset start, string parentId)
{
    public string Id { get; } = id;

    public JenkinsStepSpec Spec { get; } = spec;

    public string Status { get; set; } = StageStatus.InProgress;

    public DateTimeOffset Start { get; } = start;

    public DateTimeOffset? End { get; set; }

    public string ParentId { get; } = parentId;

    public string? Error { get; set; }
}

/// <summary>The Stage View's statuses (<c>StatusExt</c>).</summary>
internal static class StageStatus
{
    public const string InProgress = "IN_PROGRESS";
    public const string Success = "SUCCESS";
    public const string Failed = "FAILED";
    public const string Aborted = "ABORTED";
    public const string Unstable = "UNSTABLE";
    public const string NotExecuted = "NOT_EXECUTED";

    public static string Of(string result) => result switch
    {
        JenkinsResult.Success => Success,
        JenkinsResult.Failure => Failed,
        JenkinsResult.Unstable => Unstable,
        JenkinsResult.Aborted => Aborted,
        _ => NotExecuted,
    };
}

/// <summary>A request in the queue, and after it left (kept a few minutes, as Jenkins keeps its left items).</summary>
internal sealed class QueueEntry
{
    public required long Id { get; init; }

    public required ItemNode Job { get; init; }

    public required DateTimeOffset InQueueSince { get; init; }

    /// <summary>The end of the quiet period.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>Starts by itself once due and not blocked (builds requested over the API); otherwise waits for the scenario.</summary>
    public required bool AutoStart { get; init; }

    public required PendingBuild Pending { get; init; }

    public int? BuildNumber { get; set; }

    public bool Cancelled { get; set; }

    public DateTimeOffset? LeftAt { get; set; }

    public bool HasLeft => LeftAt is not null;
}
