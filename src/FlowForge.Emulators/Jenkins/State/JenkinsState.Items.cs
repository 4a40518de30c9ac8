using System.Text;

namespace FlowForge.Emulators.Jenkins.State;

/// <summary>Folders, multibranch projects and jobs.</summary>
internal sealed partial class JenkinsState
{
    /// <summary>Characters Jenkins refuses in item names (<c>Jenkins.checkGoodName</c>).</summary>
    private const string UnsafeCharacters = "?*/\\%!@#$^&|<>[]:;";

    private static readonly System.Buffers.SearchValues<char> Unsafe = System.Buffers.SearchValues.Create(UnsafeCharacters);

    private Uri? _baseUrl;

    /// <summary>The Jenkins root URL (with the context path), known once the emulator listens.</summary>
    public Uri BaseUrl
    {
        get => _baseUrl ?? throw new InvalidOperationException("The emulator has not started yet.");
        set => _baseUrl = value;
    }

    public EmulatedItem AddFolder(string fullName, string? description, bool multibranch)
    {
        lock (_gate)
        {
            var (parent, name) = ParentOf(fullName);
            var existing = parent.Children.FirstOrDefault(child => child.Name == name);
            if (existing is not null)
            {
                return existing.IsFolder ? Snapshot(existing) : throw new InvalidOperationException($"'{fullName}' exists and is a job.");
            }

            return Snapshot(Attach(parent, new ItemNode(name, multibranch ? ItemKind.Multibranch : ItemKind.Folder, parent) { Description = description }));
        }
    }

    public EmulatedItem AddJob(string fullName, bool pipeline, JenkinsJobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        lock (_gate)
        {
            var (parent, name) = ParentOf(fullName);
            if (parent.Kind == ItemKind.Multibranch)
            {
                throw new InvalidOperationException($"The jobs of multibranch project '{parent.FullName}' are its branches; add a branch instead.");
            }

            return Snapshot(AddJobNode(parent, name, pipeline ? ItemKind.Pipeline : ItemKind.Freestyle, spec, branch: null));
        }
    }

    /// <summary>A branch of a multibranch project: a Pipeline job named by the branch, percent-encoded as Jenkins' <c>NameEncoder</c> does.</summary>
    public EmulatedItem AddBranch(string projectFullName, string branch, JenkinsJobSpec spec)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(branch);
        lock (_gate)
        {
            var project = Find(projectFullName) ?? throw new KeyNotFoundException($"There is no multibranch project '{projectFullName}'.");
            if (project.Kind != ItemKind.Multibranch)
            {
                throw new InvalidOperationException($"'{projectFullName}' is not a multibranch project.");
            }

            return Snapshot(AddJobNode(project, EncodeBranch(branch), ItemKind.Pipeline, spec with { RepositoryUrl = spec.RepositoryUrl ?? $"https://git.example.com/{project.FullName}.git" }, branch));
        }
    }

    public void SetDisabled(string fullName, bool disabled)
    {
        lock (_gate)
        {
            Job(fullName).Job!.Disabled = disabled;
        }
    }

    public void Remove(string fullName)
    {
        lock (_gate)
        {
            var node = Find(fullName) ?? throw new KeyNotFoundException($"There is no item '{fullName}'.");
            if (node.Kind == ItemKind.Root)
            {
                throw new InvalidOperationException("The root cannot be removed.");
            }

            node.Parent!.Children.Remove(node);
            var gone = node.Descendants().Prepend(node).ToHashSet();
            _queue.RemoveAll(entry => gone.Contains(entry.Job));
        }
    }

    public EmulatedItem Item(string fullName)
    {
        lock (_gate)
        {
            return Snapshot(Find(fullName) ?? throw new KeyNotFoundException($"There is no item '{fullName}'."));
        }
    }

    /// <summary>Every item, depth first in name order.</summary>
    public IReadOnlyList<EmulatedItem> Items()
    {
        lock (_gate)
        {
            return [.. _root.Descendants().Select(Snapshot)];
        }
    }

    public Uri UrlOf(ItemNode node) => new(BaseUrl, node.Path);

    private static ItemNode AddJobNode(ItemNode parent, string name, ItemKind kind, JenkinsJobSpec spec, string? branch)
    {
        if (parent.Children.Any(child => child.Name == name))
        {
            throw new InvalidOperationException($"'{name}' already exists in '{(parent.Kind == ItemKind.Root ? "/" : parent.FullName)}'.");
        }

        var fullName = parent.Kind == ItemKind.Root ? name : $"{parent.FullName}/{name}";
        var job = new JobState(spec, spec.RepositoryUrl ?? $"https://git.example.com/{fullName.Replace('/', '-')}.git");
        return Attach(parent, new ItemNode(name, kind, parent) { Description = spec.Description, Branch = branch, Job = job });
    }

    /// <summary>The parent of a new item (its missing folders created) and the item's name.</summary>
    private (ItemNode Parent, string Name) ParentOf(string fullName)
    {
        var names = (fullName ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            throw new ArgumentException("An item needs a name.", nameof(fullName));
        }

        var parent = _root;
        foreach (var name in names[..^1])
        {
            parent = parent.Children.FirstOrDefault(child => child.Name == name)
                ?? Attach(parent, new ItemNode(CheckName(name), ItemKind.Folder, parent));
            if (!parent.IsFolder)
            {
                throw new InvalidOperationException($"'{parent.FullName}' is a job, not a folder.");
            }
        }

        return (parent, CheckName(names[^1]));
    }

    private static ItemNode Attach(ItemNode parent, ItemNode child)
    {
        parent.Children.Add(child);
        parent.Children.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return child;
    }

    private static string CheckName(string name) =>
        name.AsSpan().IndexOfAny(Unsafe) >= 0 || name is "." or ".."
            ? throw new ArgumentException($"'{name}' is an unsafe name: Jenkins refuses {UnsafeCharacters}.")
            : name;

    /// <summary><c>feature/login</c> → <c>feature%2Flogin</c>.</summary>
    private static string EncodeBranch(string branch)
    {
        var name = new StringBuilder();
        foreach (var character in branch)
        {
            if (UnsafeCharacters.Contains(character, StringComparison.Ordinal) || char.IsControl(character))
            {
                name.Append('%').Append(((int)character).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                name.Append(character);
            }
        }

        return name.ToString();
    }

    private EmulatedItem Snapshot(ItemNode node) =>
        new(node.FullName, node.Name, node.Class, node.FullDisplayName, UrlOf(node), node.Branch, node.Job?.NextBuildNumber ?? 0);
}
