using System.Security.Cryptography;
using System.Text;

namespace FlowForge.Emulators.GitLab.State;

/// <summary>
/// All emulated data behind one lock. Entities are immutable snapshots replaced on every change, so a reader gets a
/// consistent copy and renders it outside the lock.
/// </summary>
internal sealed partial class GitLabState
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GitLabUser> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, GitLabGroup> _groups = [];
    private readonly Dictionary<long, GitLabProject> _projects = [];
    private readonly Dictionary<(long Project, string Path, string Ref), string> _files = [];
    private readonly Dictionary<long, Dictionary<string, RefHead>> _refs = [];

    // Id ranges look like gitlab.com's: pipeline and job ids in the hundreds of millions and billions.
    private long _nextUserId = 1;
    private long _nextGroupId = 10_001;
    private long _nextProjectId = 40_000_001;

    public GitLabState(TimeProvider time, IReadOnlyDictionary<string, string> tokens)
    {
        _time = time;
        foreach (var (token, username) in tokens)
        {
            AddToken(token, username);
        }
    }

    public DateTimeOffset Now => _time.GetUtcNow();

    public void AddToken(string token, string username)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        lock (_gate)
        {
            _tokens[token] = EnsureUser(username, null, null).Username;
        }
    }

    public bool RevokeToken(string token)
    {
        lock (_gate)
        {
            return _tokens.Remove(token);
        }
    }

    public GitLabUser? UserForToken(string token)
    {
        lock (_gate)
        {
            return _tokens.TryGetValue(token, out var username) ? _users[username] : null;
        }
    }

    public GitLabUser? User(string username)
    {
        lock (_gate)
        {
            return _users.GetValueOrDefault(username);
        }
    }

    /// <summary>Creates the group and any missing parent (<c>acme/platform</c> makes <c>acme</c> too).</summary>
    public GitLabGroup AddGroup(string fullPath, string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fullPath);
        lock (_gate)
        {
            GitLabGroup? parent = null;
            var segments = fullPath.Trim('/').Split('/');
            for (var depth = 1; depth <= segments.Length; depth++)
            {
                var path = string.Join('/', segments[..depth]);
                var existing = _groups.Values.FirstOrDefault(group => group.FullPath.Equals(path, StringComparison.OrdinalIgnoreCase));
                if (existing is null)
                {
                    var segment = segments[depth - 1];
                    existing = new GitLabGroup(_nextGroupId++, depth == segments.Length && name is not null ? name : Title(segment), segment, path, parent?.Id);
                    _groups[existing.Id] = existing;
                }

                parent = existing;
            }

            return parent!;
        }
    }

    public GitLabGroup? Group(string idOrPath)
    {
        lock (_gate)
        {
            return long.TryParse(idOrPath, out var id)
                ? _groups.GetValueOrDefault(id)
                : _groups.Values.FirstOrDefault(group => group.FullPath.Equals(idOrPath, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>The group's projects and, with <paramref name="subgroups"/>, those of its subgroups, by id.</summary>
    public IReadOnlyList<GitLabProject> GroupProjects(GitLabGroup group, bool subgroups)
    {
        lock (_gate)
        {
            return
            [
                .. _projects.Values
                    .Where(project => project.NamespacePath.Equals(group.FullPath, StringComparison.OrdinalIgnoreCase)
                        || (subgroups && project.NamespacePath.StartsWith(group.FullPath + "/", StringComparison.OrdinalIgnoreCase)))
                    .OrderBy(project => project.Id),
            ];
        }
    }

    /// <param name="namespacePath">A group's full path (created if missing) or a user's username.</param>
    public GitLabProject AddProject(string namespacePath, string path, string? name, string defaultBranch, string? description, string? ciFile, string? ciConfigPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(namespacePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultBranch);
        lock (_gate)
        {
            if (!_users.ContainsKey(namespacePath))
            {
                AddGroup(namespacePath);
            }

            if (Project($"{namespacePath}/{path}") is not null)
            {
                throw new InvalidOperationException($"Project '{namespacePath}/{path}' already exists.");
            }

            var now = Now;
            var project = new GitLabProject(_nextProjectId++, name ?? Title(path), path, namespacePath, defaultBranch, description, ciConfigPath, false, true, now, now);
            _projects[project.Id] = project;
            _refs[project.Id] = new(StringComparer.Ordinal)
            {
                [defaultBranch] = new RefHead(false, NewCommit(project.Id, defaultBranch, "Initial commit", "Administrator", "admin@example.com", now)),
            };
            _files[(project.Id, project.CiFilePath, defaultBranch)] = ciFile ?? DefaultCiFile;
            return project;
        }
    }

    public GitLabProject? Project(string idOrPath)
    {
        lock (_gate)
        {
            return long.TryParse(idOrPath, out var id)
                ? _projects.GetValueOrDefault(id)
                : _projects.Values.FirstOrDefault(project => project.PathWithNamespace.Equals(idOrPath, StringComparison.OrdinalIgnoreCase));
        }
    }

    public IReadOnlyList<GitLabProject> Projects()
    {
        lock (_gate)
        {
            return [.. _projects.Values.OrderBy(project => project.Id)];
        }
    }

    public GitLabProject UpdateProject(long projectId, Func<GitLabProject, GitLabProject> change)
    {
        lock (_gate)
        {
            var project = ProjectOrThrow(projectId);
            var updated = change(project) with { Id = project.Id };
            _projects[projectId] = updated;
            return updated;
        }
    }

    private GitLabUser EnsureUser(string username, string? name, string? email)
    {
        if (!_users.TryGetValue(username, out var user))
        {
            user = new GitLabUser(_nextUserId++, username, name ?? Title(username), email ?? $"{username}@example.com");
            _users[username] = user;
        }

        return user;
    }

    private GitLabProject ProjectOrThrow(long projectId) =>
        _projects.GetValueOrDefault(projectId) ?? throw new KeyNotFoundException($"Project {projectId} does not exist.");

    private GitLabCommit NewCommit(long projectId, string gitRef, string message, string author, string email, DateTimeOffset at) =>
        new(GitId($"{projectId}:{gitRef}:{message}:{at.UtcTicks}:{_nextPipelineId}"), message, author, email, at);

    /// <summary>A git-like 40-hex id, deterministic for its seed.</summary>
    internal static string GitId(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..40];

    private static string Title(string path) =>
        string.Join(' ', path.Split(['-', '_'], StringSplitOptions.RemoveEmptyEntries).Select(word => char.ToUpperInvariant(word[0]) + word[1..]));

    private const string DefaultCiFile = """
        stages: [build, test]

        build:
          stage: build
          script: ./ci/build.sh

        test:
          stage: test
          script: ./ci/test.sh
        """;

    private sealed record RefHead(bool Tag, GitLabCommit Head);
}

/// <param name="RefExists">False: GitLab's "404 Commit Not Found".</param>
/// <param name="Content">Null with an existing ref: "404 File Not Found".</param>
/// <param name="BlobId">Identifies the content, as <c>X-Gitlab-Blob-Id</c>.</param>
internal sealed record FileLookup(bool RefExists, string? Content, string? BlobId);
