using System.Security.Cryptography;
using System.Text;

namespace FlowForge.Emulators.Jenkins.State;

/// <summary>
/// All emulated data behind one lock. Time-driven changes (a quiet period ending, a triggered build starting, a left
/// queue item being forgotten) are applied lazily whenever the state is read or changed, so a fake clock drives them
/// deterministically.
/// </summary>
internal sealed partial class JenkinsState
{
    /// <summary>How long Jenkins keeps a queue item after it left the queue.</summary>
    public static readonly TimeSpan LeftItemLifetime = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly JenkinsEmulatorOptions _options;
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _fullNames = new(StringComparer.Ordinal);
    private readonly ItemNode _root = new("", ItemKind.Root, null);

    public JenkinsState(JenkinsEmulatorOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        foreach (var (user, token) in options.Users)
        {
            AddUser(user, token);
        }
    }

    public DateTimeOffset Now => _time.GetUtcNow();

    public TimeProvider Time => _time;

    /// <summary>Runs <paramref name="read"/> under the lock after applying what time has changed.</summary>
    public T Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            Tick();
            return read();
        }
    }

    /// <summary>The Jenkins root and everything below it; only inside <see cref="Read{T}"/>.</summary>
    public ItemNode Root => _root;

    public void AddUser(string user, string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        lock (_gate)
        {
            _tokens[token] = user;
            _fullNames.TryAdd(user, DisplayName(user));
        }
    }

    public bool RevokeToken(string token)
    {
        lock (_gate)
        {
            return _tokens.Remove(token);
        }
    }

    /// <summary>The user an API token belongs to, if it belongs to <paramref name="user"/>.</summary>
    public bool Authenticates(string user, string token)
    {
        lock (_gate)
        {
            return _tokens.TryGetValue(token, out var owner) && string.Equals(owner, user, StringComparison.Ordinal);
        }
    }

    public string FullNameOf(string user)
    {
        lock (_gate)
        {
            return _fullNames.GetValueOrDefault(user) ?? DisplayName(user);
        }
    }

    /// <summary>The first user the emulator knew, who starts builds the scenario queues "by user" without naming one.</summary>
    public string DefaultUser
    {
        get
        {
            lock (_gate)
            {
                return _tokens.Values.FirstOrDefault() ?? "admin";
            }
        }
    }

    /// <summary>An item by its full name (<c>team/api/main</c>); null when there is none.</summary>
    public ItemNode? Find(string fullName) => Find(fullName.Split('/', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>An item by its path's names, already decoded; the root for none.</summary>
    public ItemNode? Find(IEnumerable<string> names)
    {
        var node = _root;
        foreach (var name in names)
        {
            node = node.Children.FirstOrDefault(child => child.Name == name);
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    private ItemNode Job(string fullName) =>
        Find(fullName) is { Job: not null } job ? job : throw new KeyNotFoundException($"There is no job '{fullName}'.");

    private void Tick()
    {
        var now = Now;
        StartDueQueueItems(now);
        _queue.RemoveAll(entry => entry.LeftAt is { } left && now - left >= LeftItemLifetime);
    }

    /// <summary>A git-like 40-hex id, deterministic for its seed.</summary>
    internal static string GitId(string seed) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..40];

    /// <summary><c>ada.lovelace</c> → <c>Ada Lovelace</c>.</summary>
    private static string DisplayName(string user) =>
        string.Join(' ', user.Split(['.', '-', '_'], StringSplitOptions.RemoveEmptyEntries)
            .Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
