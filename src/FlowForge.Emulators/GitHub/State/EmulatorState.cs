using System.Security.Cryptography;
using System.Text;

namespace FlowForge.Emulators.GitHub.State;

/// <summary>
/// All emulated data behind one lock. Entities are immutable snapshots replaced on every change, so a reader
/// gets a consistent copy and renders it outside the lock.
/// </summary>
internal sealed partial class EmulatorState
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmulatedAccount> _accounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, EmulatedRepository> _repositories = [];
    private readonly Dictionary<string, long> _repositoryIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, EmulatedWorkflow> _workflows = [];
    private readonly Dictionary<long, SortedSet<long>> _workflowIdsByRepository = [];
    private readonly Dictionary<long, List<EmulatedRun>> _runAttempts = [];
    private readonly Dictionary<long, List<long>> _runIdsByRepository = [];
    private readonly Dictionary<long, long> _lastRunNumber = [];
    private readonly Dictionary<long, long> _runIdByJobId = [];

    // Id ranges look like GitHub's today; run and job ids above int.MaxValue catch 32-bit parsing in clients.
    private long _nextAccountId = 1;
    private long _nextRepositoryId = 700_000_001;
    private long _nextWorkflowId = 80_000_001;
    private long _nextRunId = 10_000_000_001;
    private long _nextJobId = 30_000_000_001;
    private long _nextCheckSuiteId = 20_000_000_001;
    private long _nextRunnerId = 1;

    public EmulatorState(TimeProvider time, IReadOnlyDictionary<string, string> tokens)
    {
        _time = time;
        foreach (var (token, login) in tokens)
        {
            AddToken(token, login);
        }
    }

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>
    /// Called with the previous snapshot (null for a new run; the previous attempt for a re-run) and the new one
    /// whenever a run or its jobs change live, inside the state's lock: it must be quick and must not throw.
    /// </summary>
    public Action<EmulatedRun?, EmulatedRun>? RunChanged { get; set; }

    /// <summary>The first user the emulator knew (a token owner, usually), or null.</summary>
    public EmulatedAccount? FirstUser()
    {
        lock (_gate)
        {
            return _accounts.Values.Where(a => !a.IsOrganization).MinBy(a => a.Id);
        }
    }

    public void AddToken(string token, string login)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        ArgumentException.ThrowIfNullOrWhiteSpace(login);
        lock (_gate)
        {
            var account = EnsureAccount(login, organization: false);
            if (account.IsOrganization)
            {
                throw new InvalidOperationException($"'{login}' is an organization; a token belongs to a user.");
            }

            _tokens[token] = account.Login;
        }
    }

    public bool RevokeToken(string token)
    {
        lock (_gate)
        {
            return _tokens.Remove(token);
        }
    }

    public EmulatedAccount? UserForToken(string token)
    {
        lock (_gate)
        {
            return _tokens.TryGetValue(token, out var login) ? _accounts[login] : null;
        }
    }

    public EmulatedAccount? Account(string login)
    {
        lock (_gate)
        {
            return _accounts.GetValueOrDefault(login);
        }
    }

    public EmulatedAccount? Account(long id)
    {
        lock (_gate)
        {
            return _accounts.Values.FirstOrDefault(a => a.Id == id);
        }
    }

    private EmulatedAccount EnsureAccount(string login, bool organization)
    {
        if (!_accounts.TryGetValue(login, out var account))
        {
            account = new EmulatedAccount(_nextAccountId++, login, organization, Now);
            _accounts[login] = account;
        }

        return account;
    }

    /// <summary>A git-like 40-hex id, deterministic for its seed.</summary>
    internal static string GitId(string seed) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..40];
}
