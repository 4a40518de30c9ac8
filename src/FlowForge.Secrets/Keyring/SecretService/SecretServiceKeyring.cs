using FlowForge.Core.Secrets;
using Tmds.DBus.Protocol;

namespace FlowForge.Secrets.Keyring.SecretService;

/// <summary>
/// The Linux keyring: items in the Secret Service's default collection (GNOME Keyring, KeePassXC, KWallet's
/// ksecretd), found by the attributes of <see cref="KeyringEntry"/>. Connects lazily and again after the bus drops.
/// </summary>
public sealed class SecretServiceKeyring : IKeyringBackend
{
    public const string SessionBusVariable = "DBUS_SESSION_BUS_ADDRESS";
    private const string DefaultAlias = "default";

    private readonly string? _address;
    private readonly SecretServiceSettings _settings;
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private SecretServiceClient? _client;

    /// <param name="address">The session bus address; null or empty when there is no session bus.</param>
    public SecretServiceKeyring(string? address, SecretServiceSettings? settings = null)
    {
        _address = string.IsNullOrWhiteSpace(address) ? null : address;
        _settings = settings ?? new SecretServiceSettings();
    }

    public string Name => "the Secret Service on the session bus";

    /// <summary>The session algorithm in use (<c>dh-ietf1024-sha256-aes128-cbc-pkcs7</c> or <c>plain</c>), once connected.</summary>
    public string? Algorithm => _client?.Session.Algorithm;

    public async Task<SecretStoreStatus> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            var client = await ClientAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_settings.Timeout);
            var collection = await client.ReadAliasAsync(DefaultAlias, timeout.Token);
            if (collection.ToString() == "/")
            {
                return SecretStoreStatus.Unavailable("a Secret Service answers on the session bus but has no default collection (keyring)");
            }

            var locked = await client.IsCollectionLockedAsync(collection, timeout.Token)
                ? "; it is locked, and FlowForge asks the keyring to unlock it (its prompt) when it needs a secret"
                : string.Empty;
            return SecretStoreStatus.Ready($"a Secret Service answers on the session bus (default collection {collection}{locked})");
        }
        catch (SecretStoreUnavailableException unavailable)
        {
            return SecretStoreStatus.Unavailable(unavailable.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SecretStoreStatus.Unavailable($"the Secret Service did not answer within {_settings.Timeout.TotalSeconds:0.#} s");
        }
    }

    public Task<byte[]?> ReadAsync(KeyringEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return UseAsync<byte[]?>(
            async client =>
            {
                var items = await UnlockedItemsAsync(client, entry, cancellationToken);
                if (items.Length == 0)
                {
                    return null;
                }

                var secrets = await client.GetSecretsAsync(items, cancellationToken);
                return secrets.Count > 0 ? secrets[0] : null;
            },
            cancellationToken);
    }

    public Task WriteAsync(KeyringEntry entry, ReadOnlyMemory<byte> secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return UseAsync(
            async client =>
            {
                var collection = await client.ReadAliasAsync(DefaultAlias, cancellationToken);
                if (collection.ToString() == "/")
                {
                    throw new SecretStoreUnavailableException("the Secret Service has no default collection (keyring) to store the secret in");
                }

                if (await client.IsCollectionLockedAsync(collection, cancellationToken)
                    && !(await client.UnlockAsync([collection], cancellationToken)).Contains(collection))
                {
                    throw new SecretStoreUnavailableException("the keyring is locked and was not unlocked (its prompt was dismissed or cannot be shown)");
                }

                await client.CreateItemAsync(collection, entry.Label, entry.Attributes, secret, cancellationToken);
                return true;
            },
            cancellationToken);
    }

    public Task DeleteAsync(KeyringEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return UseAsync(
            async client =>
            {
                foreach (var item in await UnlockedItemsAsync(client, entry, cancellationToken))
                {
                    await client.DeleteItemAsync(item, cancellationToken);
                }

                return true;
            },
            cancellationToken);
    }

    /// <summary>Locks the default collection, as a screen lock would; for tests of the unlock path.</summary>
    internal Task LockDefaultCollectionAsync(CancellationToken cancellationToken) =>
        UseAsync(
            async client =>
            {
                await client.LockAsync([await client.ReadAliasAsync(DefaultAlias, cancellationToken)], cancellationToken);
                return true;
            },
            cancellationToken);

    public ValueTask DisposeAsync()
    {
        _client?.Dispose();
        _client = null;
        _connecting.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The entry's items, unlocking locked ones through the service's prompt; empty when there are none.</summary>
    private static async Task<ObjectPath[]> UnlockedItemsAsync(SecretServiceClient client, KeyringEntry entry, CancellationToken cancellationToken)
    {
        var (unlocked, locked) = await client.SearchItemsAsync(entry.SearchAttributes, cancellationToken);
        if (locked.Length == 0)
        {
            return unlocked;
        }

        var nowUnlocked = await client.UnlockAsync(locked, cancellationToken);
        if (nowUnlocked.Length < locked.Length)
        {
            throw new SecretStoreUnavailableException("the keyring is locked and was not unlocked (its prompt was dismissed or cannot be shown)");
        }

        return [.. unlocked, .. nowUnlocked];
    }

    private async Task<T> UseAsync<T>(Func<SecretServiceClient, Task<T>> operation, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken);
        try
        {
            return await operation(client);
        }
        catch (DBusConnectionClosedException exception)
        {
            Forget(client);
            throw new SecretStoreUnavailableException($"the connection to the Secret Service was lost ({exception.Message})", exception);
        }
        catch (DBusErrorReplyException exception)
        {
            throw new SecretStoreUnavailableException($"the Secret Service refused: {exception.ErrorName}: {exception.ErrorMessage}", exception);
        }
    }

    private async Task<SecretServiceClient> ClientAsync(CancellationToken cancellationToken)
    {
        if (_client is { Disconnected.IsCompleted: false } connected)
        {
            return connected;
        }

        if (_address is null)
        {
            throw new SecretStoreUnavailableException($"there is no session bus to ask for a Secret Service ({SessionBusVariable} is not set)");
        }

        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_client is { Disconnected.IsCompleted: false } raced)
            {
                return raced;
            }

            _client?.Dispose();
            _client = null;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_settings.Timeout);
            try
            {
                _client = await SecretServiceClient.ConnectAsync(_address, _settings.PromptTimeout, _settings.PlainOnly, timeout.Token);
                return _client;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new SecretStoreUnavailableException($"no Secret Service answered on the session bus within {_settings.Timeout.TotalSeconds:0.#} s");
            }
            catch (DBusErrorReplyException exception)
            {
                throw new SecretStoreUnavailableException($"no Secret Service answers on the session bus ({exception.ErrorName})", exception);
            }
            catch (DBusExceptionBase exception)
            {
                throw new SecretStoreUnavailableException($"the session bus cannot be reached ({exception.Message})", exception);
            }
        }
        finally
        {
            _connecting.Release();
        }
    }

    private void Forget(SecretServiceClient client)
    {
        if (ReferenceEquals(Interlocked.CompareExchange(ref _client, null, client), client))
        {
            client.Dispose();
        }
    }
}

/// <param name="Timeout">How long a connection and the first answers may take before FlowForge decides there is no Secret Service.</param>
/// <param name="PromptTimeout">How long FlowForge waits for someone to answer the keyring's unlock prompt.</param>
/// <param name="PlainOnly">Use the <c>plain</c> session algorithm only (tests compare it with the encrypted one).</param>
public sealed record SecretServiceSettings(TimeSpan Timeout, TimeSpan PromptTimeout, bool PlainOnly = false)
{
    public SecretServiceSettings()
        : this(TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(2))
    {
    }
}
