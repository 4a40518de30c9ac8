namespace FlowForge.Emulators.GitHub.State;

/// <summary>Repositories and workflows.</summary>
internal sealed partial class EmulatorState
{
    /// <summary>The repository with its owner and, for a fork, its parent and the root of its fork network.</summary>
    public RepositoryView? View(long repositoryId)
    {
        lock (_gate)
        {
            return _repositories.TryGetValue(repositoryId, out var repository) ? ViewOf(repository, withForkInfo: true) : null;
        }
    }

    public EmulatedRepository AddRepository(string owner, string name, string defaultBranch, string? description, long? parentId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultBranch);
        lock (_gate)
        {
            var account = EnsureAccount(owner, organization: true);
            var fullName = $"{account.Login}/{name}";
            if (_repositoryIds.ContainsKey(fullName))
            {
                throw new InvalidOperationException($"Repository '{fullName}' already exists.");
            }

            var now = Now;
            var repository = new EmulatedRepository(_nextRepositoryId++, account.Login, name, defaultBranch, description, now, now, now, parentId);
            _repositories[repository.Id] = repository;
            _repositoryIds[fullName] = repository.Id;
            _runIdsByRepository[repository.Id] = [];
            _workflowIdsByRepository[repository.Id] = [];
            return repository;
        }
    }

    public EmulatedRepository AddFork(string sourceFullName, string owner, string? name)
    {
        EmulatedRepository source;
        lock (_gate)
        {
            source = RepositoryByNameOrThrow(sourceFullName);
        }

        return AddRepository(owner, name ?? source.Name, source.DefaultBranch, source.Description, source.Id);
    }

    public EmulatedRepository? Repository(string fullName)
    {
        lock (_gate)
        {
            return _repositoryIds.TryGetValue(fullName, out var id) ? _repositories[id] : null;
        }
    }

    public EmulatedRepository? Repository(long id)
    {
        lock (_gate)
        {
            return _repositories.GetValueOrDefault(id);
        }
    }

    public IReadOnlyList<EmulatedRepository> Repositories()
    {
        lock (_gate)
        {
            return [.. _repositories.Values];
        }
    }

    public EmulatedWorkflow AddWorkflow(string repositoryFullName, string name, string path, string? content)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        lock (_gate)
        {
            var repository = RepositoryByNameOrThrow(repositoryFullName);
            var ids = _workflowIdsByRepository[repository.Id];
            if (ids.Any(id => _workflows[id].Path.Equals(path, StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"Repository '{repository.FullName}' already has a workflow at '{path}'.");
            }

            var now = Now;
            var workflow = new EmulatedWorkflow(
                _nextWorkflowId++, repository.Id, repository.FullName, name, path, "active", now, now, content ?? WorkflowFile.Default(name));
            _workflows[workflow.Id] = workflow;
            ids.Add(workflow.Id);
            RecordPush(repository.Id);
            return workflow;
        }
    }

    public EmulatedWorkflow UpdateWorkflowFile(long workflowId, string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        lock (_gate)
        {
            var workflow = _workflows.GetValueOrDefault(workflowId) ?? throw new KeyNotFoundException($"Workflow {workflowId} does not exist.");
            RecordPush(workflow.RepositoryId);
            return _workflows[workflowId] = workflow with { FileContent = content, UpdatedAt = Now };
        }
    }

    public void RemoveWorkflow(long workflowId)
    {
        lock (_gate)
        {
            if (!_workflows.Remove(workflowId, out var workflow))
            {
                throw new KeyNotFoundException($"Workflow {workflowId} does not exist.");
            }

            _workflowIdsByRepository[workflow.RepositoryId].Remove(workflowId);
            RecordPush(workflow.RepositoryId);
        }
    }

    public IReadOnlyList<EmulatedWorkflow> Workflows(long repositoryId)
    {
        lock (_gate)
        {
            return _workflowIdsByRepository.TryGetValue(repositoryId, out var ids) ? [.. ids.Select(id => _workflows[id])] : [];
        }
    }

    public EmulatedWorkflow? Workflow(long workflowId)
    {
        lock (_gate)
        {
            return _workflows.GetValueOrDefault(workflowId);
        }
    }

    private EmulatedRepository RepositoryByNameOrThrow(string fullName) =>
        _repositoryIds.TryGetValue(fullName, out var id)
            ? _repositories[id]
            : throw new KeyNotFoundException($"Repository '{fullName}' does not exist.");

    private RepositoryView ViewOf(EmulatedRepository repository, bool withForkInfo)
    {
        RepositoryView? parent = null, source = null;
        if (withForkInfo && repository.ParentId is { } parentId)
        {
            parent = ViewOf(_repositories[parentId], withForkInfo: false);
            var root = _repositories[parentId];
            while (root.ParentId is { } next)
            {
                root = _repositories[next];
            }

            source = ViewOf(root, withForkInfo: false);
        }

        return new RepositoryView(repository, _accounts[repository.Owner], parent, source);
    }

    /// <summary>
    /// A workflow file changes only by a push, and GitHub moves the repository's <c>pushed_at</c> with it.
    /// The JSON carries whole seconds, so a push within the same second still moves it by one.
    /// </summary>
    private void RecordPush(long repositoryId)
    {
        var repository = _repositories[repositoryId];
        var now = Now;
        var pushedAt = now.ToUnixTimeSeconds() > repository.PushedAt.ToUnixTimeSeconds() ? now : repository.PushedAt.AddSeconds(1);
        _repositories[repositoryId] = repository with { PushedAt = pushedAt, UpdatedAt = pushedAt > now ? pushedAt : now };
    }
}

/// <summary>A repository with what its JSON needs besides itself.</summary>
internal sealed record RepositoryView(EmulatedRepository Repository, EmulatedAccount Owner, RepositoryView? Parent, RepositoryView? Source);
