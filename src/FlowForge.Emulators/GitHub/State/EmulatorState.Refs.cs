namespace FlowForge.Emulators.GitHub.State;

/// <summary>Branches and tags, workflow files that differ per ref, and the dispatches the API accepted.</summary>
internal sealed partial class EmulatorState
{
    private const int MinShortShaLength = 7;

    private readonly Dictionary<long, HashSet<string>> _refsByRepository = [];
    private readonly Dictionary<(long WorkflowId, string Ref), string> _filesAtRef = [];
    private readonly List<EmulatedDispatch> _dispatches = [];

    /// <summary>Makes a branch or tag known, so the contents API and dispatches accept it.</summary>
    public void AddRef(string repositoryFullName, string gitRef)
    {
        lock (_gate)
        {
            var repository = RepositoryByNameOrThrow(repositoryFullName);
            AddRefLocked(repository.Id, ShortRef(gitRef));
        }
    }

    /// <summary>Replaces the workflow file on one ref only; the default branch's file stays as it is.</summary>
    public void SetWorkflowFileAt(long workflowId, string gitRef, string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        lock (_gate)
        {
            var workflow = _workflows.GetValueOrDefault(workflowId) ?? throw new KeyNotFoundException($"Workflow {workflowId} does not exist.");
            var name = ShortRef(gitRef);
            AddRefLocked(workflow.RepositoryId, name);
            _filesAtRef[(workflowId, name)] = content;
            RecordPush(workflow.RepositoryId);
        }
    }

    /// <summary>
    /// A branch or tag name GitHub would resolve: the default branch, one added with <see cref="AddRef"/> or by a
    /// file change on it, or one a run ran on. <c>refs/heads/</c> and <c>refs/tags/</c> prefixes are accepted.
    /// </summary>
    public bool KnowsBranchOrTag(long repositoryId, string gitRef)
    {
        var name = ShortRef(gitRef);
        lock (_gate)
        {
            return _repositories.TryGetValue(repositoryId, out var repository)
                && (name == repository.DefaultBranch
                    || (_refsByRepository.TryGetValue(repositoryId, out var refs) && refs.Contains(name))
                    || _runIdsByRepository[repositoryId].Any(id => _runAttempts[id][^1].HeadBranch == name));
        }
    }

    /// <summary>A branch, tag, or (full or at least 7-character) commit sha of one of the repository's runs.</summary>
    public bool KnowsRef(long repositoryId, string gitRef)
    {
        if (KnowsBranchOrTag(repositoryId, gitRef))
        {
            return true;
        }

        lock (_gate)
        {
            return gitRef.Length >= MinShortShaLength
                && _runIdsByRepository.TryGetValue(repositoryId, out var ids)
                && ids.Any(id => _runAttempts[id][^1].HeadSha.StartsWith(gitRef, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>The workflow's file at a ref: the ref's own version if it has one, else the default branch's.</summary>
    public string FileAt(EmulatedWorkflow workflow, string gitRef)
    {
        lock (_gate)
        {
            return _filesAtRef.GetValueOrDefault((workflow.Id, ShortRef(gitRef)), workflow.FileContent);
        }
    }

    public void RecordDispatch(EmulatedDispatch dispatch)
    {
        lock (_gate)
        {
            _dispatches.Add(dispatch);
        }
    }

    public IReadOnlyList<EmulatedDispatch> Dispatches()
    {
        lock (_gate)
        {
            return [.. _dispatches];
        }
    }

    /// <summary><c>refs/heads/main</c> → <c>main</c>, <c>refs/tags/v1</c> → <c>v1</c>.</summary>
    public static string ShortRef(string gitRef)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(gitRef);
        foreach (var prefix in (string[])["refs/heads/", "refs/tags/"])
        {
            if (gitRef.StartsWith(prefix, StringComparison.Ordinal))
            {
                return gitRef[prefix.Length..];
            }
        }

        return gitRef;
    }

    private void AddRefLocked(long repositoryId, string name)
    {
        if (!_refsByRepository.TryGetValue(repositoryId, out var refs))
        {
            _refsByRepository[repositoryId] = refs = new HashSet<string>(StringComparer.Ordinal);
        }

        refs.Add(name);
    }
}
