using FlowForge.Emulators.GitHub.Http;
using FlowForge.Emulators.GitHub.State;

namespace FlowForge.Emulators.GitHub.Json;

/// <summary>Looks up what a body refers to (actors, repositories), once per response.</summary>
internal sealed class RenderContext(EmulatorState state, ApiUrls urls)
{
    private readonly Dictionary<string, EmulatedAccount> _accounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, RepositoryView> _repositories = [];

    public ApiUrls Urls { get; } = urls;

    public EmulatorState State { get; } = state;

    public EmulatedAccount Account(string login)
    {
        if (!_accounts.TryGetValue(login, out var account))
        {
            account = State.Account(login) ?? throw new InvalidOperationException($"Unknown account '{login}'.");
            _accounts[login] = account;
        }

        return account;
    }

    public RepositoryView Repository(long id)
    {
        if (!_repositories.TryGetValue(id, out var view))
        {
            view = State.View(id) ?? throw new InvalidOperationException($"Unknown repository {id}.");
            _repositories[id] = view;
        }

        return view;
    }
}
