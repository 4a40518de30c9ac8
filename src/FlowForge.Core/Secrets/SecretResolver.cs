using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using FlowForge.Abstractions.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FlowForge.Core.Secrets;

/// <summary>
/// Routes secret references to their store, and decides where a newly entered secret goes: a value written as
/// <c>env:NAME</c> stays a reference to the environment; any other value goes to the default store, which
/// <see cref="SecretStoreChain"/> picks once, at start-up.
/// </summary>
public sealed partial class SecretResolver
{
    public const string Automatic = "auto";

    private readonly Dictionary<string, ISecretStore> _stores;
    private readonly SecretStoreChain _chain;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, string> _unavailable = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lazy<Task<ISecretStore>> _default;

    public SecretResolver(IEnumerable<ISecretStore> stores, IOptions<SecretsOptions> options, ILogger<SecretResolver>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _stores = stores.ToDictionary(store => store.Scheme, StringComparer.OrdinalIgnoreCase);
        _chain = new SecretStoreChain(_stores, options.Value.DefaultStore);
        _logger = (ILogger?)logger ?? NullLogger.Instance;

        // Chosen once for the process; the probes have their own time limits, so no caller's token cancels the choice.
        _default = new Lazy<Task<ISecretStore>>(ChooseAsync);
    }

    /// <summary>The scheme new secrets go to, once chosen; null before <see cref="InitializeAsync"/>.</summary>
    public string? DefaultStore => _default.IsValueCreated && _default.Value.IsCompletedSuccessfully ? _default.Value.Result.Scheme : null;

    /// <summary>Why the default store was chosen, as logged at start-up; null before <see cref="InitializeAsync"/>.</summary>
    public string? DefaultStoreReason { get; private set; }

    /// <summary>Whether the text a user entered is a reference to an environment variable rather than a secret.</summary>
    public static bool IsEnvironmentReference(string input) => EnvironmentReferencePattern().IsMatch(input);

    /// <summary>
    /// Chooses the default store (once) and says which and why in the log. Throws, with what to do, when no store
    /// may take secrets: FlowForge never falls back to keeping them in plaintext.
    /// </summary>
    public async Task<string> InitializeAsync(CancellationToken cancellationToken) => (await DefaultAsync(cancellationToken)).Scheme;

    /// <summary>Stores a secret entered for an instance's field and returns the reference to keep.</summary>
    public async Task<SecretReference> StoreAsync(string instanceId, string field, string input, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        if (IsEnvironmentReference(input))
        {
            return SecretReference.TryParse(input, out var reference)
                ? reference
                : throw new ArgumentException("Invalid environment reference.", nameof(input));
        }

        var store = await DefaultAsync(cancellationToken);
        var key = SecretKeys.ForInstance(instanceId, field);
        try
        {
            await store.WriteAsync(key, new SecretValue(input), cancellationToken);
        }
        catch (SecretStoreUnavailableException unavailable)
        {
            // The caller answers 503 and changes nothing; the operator sees why here, once, without a stack trace.
            _unavailable[store.Scheme] = unavailable.Message;
            LogUnavailable(store.Scheme, unavailable.Message);
            throw;
        }

        return new SecretReference(store.Scheme, key);
    }

    /// <summary>The secret, or null when its store does not hold it or cannot be reached (see <see cref="DescribeMissing"/>).</summary>
    public async Task<SecretValue?> ResolveAsync(SecretReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (!_stores.TryGetValue(reference.Scheme, out var store))
        {
            return null;
        }

        try
        {
            var value = await store.ReadAsync(reference.Key, cancellationToken);
            _unavailable.TryRemove(reference.Scheme, out _);
            return value;
        }
        catch (SecretStoreUnavailableException unavailable)
        {
            _unavailable[reference.Scheme] = unavailable.Message;
            LogUnavailable(reference.Scheme, unavailable.Message);
            return null;
        }
    }

    /// <summary>Why a reference gave no secret, and what to do; for the instance's error. Never a secret.</summary>
    public string DescribeMissing(SecretReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (string.Equals(reference.Scheme, "env", StringComparison.OrdinalIgnoreCase))
        {
            return $"the environment variable {reference.Key} is not set";
        }

        if (!_stores.ContainsKey(reference.Scheme))
        {
            return $"FlowForge has no '{reference.Scheme}' secret store; set it again";
        }

        if (_unavailable.TryGetValue(reference.Scheme, out var reason))
        {
            return $"the '{reference.Scheme}' secret store is not available here ({reason.TrimEnd('.')}); set it again";
        }

        return string.Equals(reference.Scheme, "memory", StringComparison.OrdinalIgnoreCase)
            ? "the 'memory' secret store does not hold it (the in-memory store forgets everything on restart); set it again"
            : $"the '{reference.Scheme}' secret store does not hold it; set it again";
    }

    /// <summary>
    /// Forgets a secret FlowForge stored; references to stores FlowForge only reads are left alone. A store that
    /// cannot be reached keeps the secret, which is logged (by reference) rather than failing the caller, whose
    /// change has already happened.
    /// </summary>
    public async Task DeleteAsync(SecretReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (_stores.TryGetValue(reference.Scheme, out var store) && store.IsWritable)
        {
            try
            {
                await store.DeleteAsync(reference.Key, cancellationToken);
            }
            catch (SecretStoreUnavailableException unavailable)
            {
                LogNotDeleted(reference.ToString(), unavailable.Message);
            }
        }
    }

    private Task<ISecretStore> DefaultAsync(CancellationToken cancellationToken) => _default.Value.WaitAsync(cancellationToken);

    private async Task<ISecretStore> ChooseAsync()
    {
        var (store, reason) = await _chain.ChooseAsync(CancellationToken.None);
        DefaultStoreReason = reason;
        LogChosen(store.Scheme, reason);
        return store;
    }

    [GeneratedRegex("^env:[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentReferencePattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "Secrets: new secrets go to the '{Store}' store: {Reason}")]
    private partial void LogChosen(string store, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The '{Store}' secret store is not available: {Reason}")]
    private partial void LogUnavailable(string store, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The secret {Reference} could not be deleted and stays in its store: {Reason}")]
    private partial void LogNotDeleted(string reference, string reason);
}
