namespace FlowForge.Core.Secrets;

/// <summary>
/// Picks the store new secrets go to. <c>auto</c> takes the OS keyring when it answers, else the encrypted vault when
/// a password is set, else nothing: FlowForge then refuses to start rather than keep a secret in plaintext. The
/// in-memory store is used only when configured by name.
/// </summary>
public sealed class SecretStoreChain
{
    public const string Keyring = "keyring";
    public const string Vault = "vault";

    /// <summary>Said whenever no store may take secrets, so the fix is in the error itself.</summary>
    public const string HowToFix =
        "FlowForge never keeps a secret in plaintext, so it needs a secret store: run it where a Secret Service answers on the " +
        "session bus (a desktop session, or start one with 'gnome-keyring-daemon --unlock --components=secrets' and " +
        "DBUS_SESSION_BUS_ADDRESS set), or set FLOWFORGE_VAULT_PASSWORD (or FlowForge__Secrets__VaultKeyFile, the path of a file " +
        "holding it) to keep secrets in the encrypted vault file 'secrets.vault' in the data directory. " +
        "(FlowForge__Secrets__DefaultStore=memory keeps them in memory only, forgotten on restart: for trying FlowForge out.)";

    private static readonly string[] AutomaticOrder = [Keyring, Vault];
    private readonly IReadOnlyDictionary<string, ISecretStore> _stores;
    private readonly string _configured;

    public SecretStoreChain(IReadOnlyDictionary<string, ISecretStore> stores, string configured)
    {
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentException.ThrowIfNullOrWhiteSpace(configured);
        _stores = stores;
        _configured = configured;
        if (!IsAutomatic && (!stores.TryGetValue(configured, out var store) || !store.IsWritable))
        {
            throw new InvalidOperationException(
                $"The default secret store '{configured}' is not a writable store. Known stores: {string.Join(", ", stores.Keys)}.");
        }
    }

    private bool IsAutomatic => string.Equals(_configured, SecretResolver.Automatic, StringComparison.OrdinalIgnoreCase);

    /// <summary>The chosen store and why, for the start-up log.</summary>
    public async Task<(ISecretStore Store, string Reason)> ChooseAsync(CancellationToken cancellationToken)
    {
        var reasons = new List<string>();
        var checkedVault = false;
        (ISecretStore Store, string Reason)? choice = null;
        foreach (var scheme in IsAutomatic ? AutomaticOrder : [_configured])
        {
            if (!_stores.TryGetValue(scheme, out var store))
            {
                reasons.Add($"{scheme}: not installed");
                continue;
            }

            var status = await store.CheckAsync(cancellationToken);
            checkedVault |= scheme.Equals(Vault, StringComparison.OrdinalIgnoreCase);
            if (status.IsAvailable)
            {
                var why = IsAutomatic ? "chosen automatically" : $"as configured (FlowForge:Secrets:DefaultStore={_configured})";
                var passedOver = reasons.Count > 0 ? $"; passed over: {string.Join("; ", reasons)}" : string.Empty;
                choice = (store, $"{why}: {status.Description}{passedOver}.");
                break;
            }

            reasons.Add($"{scheme}: {status.Description}");
        }

        if (choice is null)
        {
            var what = IsAutomatic ? "No secret store is available" : $"The configured secret store '{_configured}' is not available";
            throw new SecretStoreUnavailableException($"{what} ({string.Join("; ", reasons)}). {HowToFix}");
        }

        // A vault with a password set is opened now even when it is not the default, so a wrong password stops
        // start-up instead of surfacing at the first sync that needs one of its secrets.
        if (!checkedVault && _stores.TryGetValue(Vault, out var vault))
        {
            await vault.CheckAsync(cancellationToken);
        }

        return choice.Value;
    }
}
