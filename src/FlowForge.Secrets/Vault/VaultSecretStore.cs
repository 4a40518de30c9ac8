using System.Security.Cryptography;
using System.Text.Json;
using FlowForge.Abstractions.Secrets;
using FlowForge.Core.Secrets;

namespace FlowForge.Secrets.Vault;

/// <summary>
/// Secrets in one encrypted file, <c>secrets.vault</c> in the data directory, for servers and containers without a
/// keyring. Opened once (one Argon2id derivation); the decrypted map and the key stay in memory, and every change
/// rewrites the file atomically (see <see cref="VaultFile"/>). One FlowForge process owns a vault at a time.
/// </summary>
public sealed class VaultSecretStore : ISecretStore, IDisposable
{
    public const string FileName = "secrets.vault";

    private readonly Func<(SecretValue Password, string Source)?> _password;
    private readonly Argon2Parameters _newVaultParameters;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<string, string>? _secrets;
    private VaultKey? _key;
    private string _source = string.Empty;

    /// <param name="password">Read when the vault is first needed; null when no password is set.</param>
    /// <param name="newVaultParameters">The Argon2id cost for a new vault or a password change (tests lower it).</param>
    public VaultSecretStore(string path, Func<(SecretValue Password, string Source)?> password, Argon2Parameters? newVaultParameters = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _password = password;
        _newVaultParameters = newVaultParameters ?? Argon2Parameters.Default;
    }

    public string Scheme => SecretStoreChain.Vault;

    public bool IsWritable => true;

    public string Path { get; }

    /// <summary>Runs between writing the temporary file and renaming it over the vault; tests throw there to simulate a crash.</summary>
    internal Action<string>? BeforeRename { get; set; }

    public async Task<SecretStoreStatus> CheckAsync(CancellationToken cancellationToken)
    {
        if (_secrets is null && _password() is null)
        {
            return SecretStoreStatus.Unavailable(
                $"no vault password is set ({VaultPassword.EnvironmentVariable}, or FlowForge:Secrets:VaultKeyFile naming a file that holds it)");
        }

        var count = await WithVaultAsync(secrets => secrets.Count, cancellationToken);
        var content = File.Exists(Path) ? $"{count} secret(s)" : "created with the first secret";
        return SecretStoreStatus.Ready($"the encrypted vault {Path} ({content}; password from {_source})");
    }

    public Task<SecretValue?> ReadAsync(string key, CancellationToken cancellationToken) =>
        WithVaultAsync(secrets => secrets.TryGetValue(key, out var value) ? new SecretValue(value) : null, cancellationToken);

    public Task WriteAsync(string key, SecretValue value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        return ChangeAsync(secrets => secrets[key] = value.Reveal(), cancellationToken);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        ChangeAsync(secrets => secrets.Remove(key), cancellationToken);

    /// <summary>Re-encrypts the vault under a new password, with a new salt; the old password no longer opens it.</summary>
    public async Task ChangePasswordAsync(string newPassword, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newPassword);
        if (newPassword.Length < VaultPassword.MinimumLength)
        {
            throw new VaultException($"The new vault password must be at least {VaultPassword.MinimumLength} characters.");
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var secrets = await OpenAsync(cancellationToken);
            var newKey = await Task.Run(() => VaultKey.Create(newPassword, _newVaultParameters), cancellationToken);
            try
            {
                Persist(secrets, newKey, checkHeaderOf: _key);
            }
            catch
            {
                newKey.Dispose();
                throw;
            }

            _key?.Dispose();
            _key = newKey;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _key?.Dispose();
        _gate.Dispose();
    }

    private async Task<T> WithVaultAsync<T>(Func<Dictionary<string, string>, T> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return read(await OpenAsync(cancellationToken));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Changes a copy, writes it, and only then adopts it: memory never holds what the file does not.</summary>
    private async Task ChangeAsync(Action<Dictionary<string, string>> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var current = await OpenAsync(cancellationToken);
            var changed = new Dictionary<string, string>(current, StringComparer.Ordinal);
            change(changed);
            if (changed.Count == current.Count && changed.All(pair => current.TryGetValue(pair.Key, out var value) && value == pair.Value))
            {
                return;
            }

            Persist(changed, _key!, checkHeaderOf: _key);
            _secrets = changed;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Persist(Dictionary<string, string> secrets, VaultKey key, VaultKey? checkHeaderOf)
    {
        // Another process (a password change) may have re-keyed the file; writing under the old key would lock
        // everyone out of it, so this process stops writing until it is restarted with the new password.
        if (checkHeaderOf is not null && VaultFile.ReadOrNull(Path) is { } onDisk && !SealedData.HasHeaderOf(checkHeaderOf, onDisk))
        {
            throw new SecretStoreUnavailableException(
                $"The vault {Path} was re-encrypted or replaced by another process (a password change?). Restart FlowForge with the current vault password; nothing was written.");
        }

        var plaintext = JsonSerializer.SerializeToUtf8Bytes(secrets, VaultJson.Default.DictionaryStringString);
        try
        {
            VaultFile.Write(Path, SealedData.Seal(key, plaintext), BeforeRename);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Loads the vault once; a wrong password or a damaged file throws and changes nothing on disk.</summary>
    private async Task<Dictionary<string, string>> OpenAsync(CancellationToken cancellationToken)
    {
        if (_secrets is not null)
        {
            return _secrets;
        }

        var (password, source) = _password() ?? throw new SecretStoreUnavailableException(
            $"no vault password is set ({VaultPassword.EnvironmentVariable}, or FlowForge:Secrets:VaultKeyFile naming a file that holds it)");
        var data = VaultFile.ReadOrNull(Path);
        if (data is null)
        {
            if (password.Reveal().Length < VaultPassword.MinimumLength)
            {
                throw new VaultException(
                    $"The vault password ({source}) is shorter than {VaultPassword.MinimumLength} characters; a new vault needs a longer one.");
            }

            _key = await Task.Run(() => VaultKey.Create(password.Reveal(), _newVaultParameters), cancellationToken);
            _source = source;
            return _secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        VaultKey? key = null;
        byte[]? plaintext = null;
        try
        {
            var (salt, parameters) = SealedData.ReadHeader(data);
            key = await Task.Run(() => VaultKey.Derive(password.Reveal(), salt, parameters), cancellationToken);
            plaintext = SealedData.Open(key, data);
            var secrets = JsonSerializer.Deserialize(plaintext, VaultJson.Default.DictionaryStringString)
                ?? throw new VaultDamagedException("It holds no secret map.");
            (_key, key) = (key, null);
            _source = source;
            return _secrets = new Dictionary<string, string>(secrets, StringComparer.Ordinal);
        }
        catch (VaultPasswordException exception)
        {
            throw new VaultPasswordException(
                $"The vault password from {source} does not open the vault {Path} (or the vault's header was altered). Set the password the vault was created with; nothing was read or changed.",
                exception);
        }
        catch (Exception exception) when (exception is VaultDamagedException or JsonException)
        {
            throw new VaultDamagedException(
                $"The vault {Path} is damaged and was not read: {exception.Message} Nothing was changed; restore it from a backup, or move it away to start an empty vault.",
                exception);
        }
        finally
        {
            key?.Dispose();
            if (plaintext is not null)
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }
    }
}
