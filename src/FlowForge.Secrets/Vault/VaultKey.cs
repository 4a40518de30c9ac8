using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace FlowForge.Secrets.Vault;

/// <summary>
/// The keys Argon2id derives from a password and a salt: one for AES-256-GCM, one for the password check. Kept in
/// pinned arrays (the GC never leaves copies behind) and zeroed on dispose, so reads never re-run Argon2.
/// </summary>
public sealed class VaultKey : IDisposable
{
    private const int KeyLength = 32;
    private readonly byte[] _material;

    private VaultKey(byte[] material, byte[] salt, Argon2Parameters parameters)
    {
        _material = material;
        Salt = salt;
        Parameters = parameters;
    }

    public byte[] Salt { get; }

    public Argon2Parameters Parameters { get; }

    internal ReadOnlySpan<byte> EncryptionKey => _material.AsSpan(0, KeyLength);

    internal ReadOnlySpan<byte> CheckKey => _material.AsSpan(KeyLength, KeyLength);

    /// <summary>A key for a new vault or export: a fresh random salt.</summary>
    public static VaultKey Create(string password, Argon2Parameters? parameters = null) =>
        Derive(password, RandomNumberGenerator.GetBytes(SealedData.SaltLength), parameters ?? Argon2Parameters.Default);

    public static VaultKey Derive(string password, byte[] salt, Argon2Parameters parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(parameters);
        if (!parameters.IsWithinBounds)
        {
            throw new VaultDamagedException(
                $"The Argon2id parameters ({parameters.MemoryKiB} KiB, {parameters.Iterations} passes, {parameters.Parallelism} lanes) are out of bounds.");
        }

        var passwordBytes = GC.AllocateArray<byte>(Encoding.UTF8.GetByteCount(password), pinned: true);
        var material = GC.AllocateArray<byte>(2 * KeyLength, pinned: true);
        try
        {
            Encoding.UTF8.GetBytes(password, passwordBytes);
            using var argon2 = new Argon2id(passwordBytes)
            {
                Salt = salt,
                MemorySize = parameters.MemoryKiB,
                Iterations = parameters.Iterations,
                DegreeOfParallelism = parameters.Parallelism,
            };
            var derived = argon2.GetBytes(material.Length);
            derived.CopyTo(material, 0);
            CryptographicOperations.ZeroMemory(derived);
            return new VaultKey(material, (byte[])salt.Clone(), parameters);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordBytes);
        }
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_material);
}
