using System.Buffers.Binary;
using System.Security.Cryptography;

namespace FlowForge.Secrets.Vault;

/// <summary>
/// FlowForge's one encrypted format, for the vault file and for the secrets inside an instance export:
/// <code>
/// header:  "FFVAULT" | version (1) | Argon2id memory KiB, passes, lanes (3 × uint32 LE) | salt (16) | password check (32)
/// body:    nonce (12) | AES-256-GCM ciphertext | tag (16)
/// </code>
/// The whole header is the associated data, so changing any byte of it fails the tag. The password check
/// (HMAC-SHA256 of the header so far under a second derived key) tells a wrong password from damaged data.
/// </summary>
public static class SealedData
{
    public const byte Version = 1;
    public const int SaltLength = 16;
    public const int NonceLength = 12;
    public const int TagLength = 16;
    private const int CheckLength = 32;
    private static readonly byte[] Magic = "FFVAULT"u8.ToArray();
    private static readonly int ParametersOffset = Magic.Length + 1;
    private static readonly int SaltOffset = ParametersOffset + 12;
    private static readonly int CheckOffset = SaltOffset + SaltLength;

    public static int HeaderLength { get; } = CheckOffset + CheckLength;

    /// <summary>The shortest well-formed data: a header, a nonce, an empty ciphertext and a tag.</summary>
    public static int MinimumLength { get; } = HeaderLength + NonceLength + TagLength;

    /// <summary>Encrypts under <paramref name="key"/> with a fresh random nonce.</summary>
    public static byte[] Seal(VaultKey key, ReadOnlySpan<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(key);
        var output = new byte[HeaderLength + NonceLength + plaintext.Length + TagLength];
        WriteHeader(key, output.AsSpan(0, HeaderLength));
        var nonce = output.AsSpan(HeaderLength, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.EncryptionKey, TagLength);
        aes.Encrypt(
            nonce,
            plaintext,
            output.AsSpan(HeaderLength + NonceLength, plaintext.Length),
            output.AsSpan(output.Length - TagLength),
            output.AsSpan(0, HeaderLength));
        return output;
    }

    /// <summary>The Argon2id salt and parameters the data was sealed with, to derive the key that opens it.</summary>
    public static (byte[] Salt, Argon2Parameters Parameters) ReadHeader(ReadOnlySpan<byte> data)
    {
        if (data.Length <= Magic.Length && Magic.AsSpan().StartsWith(data))
        {
            throw new VaultDamagedException($"It is truncated ({data.Length} bytes, at least {MinimumLength} expected).");
        }

        if (!data[..Magic.Length].SequenceEqual(Magic))
        {
            throw new VaultDamagedException("It is not a FlowForge vault (the FFVAULT signature is missing).");
        }

        if (data[Magic.Length] != Version)
        {
            throw new VaultDamagedException(
                $"It has format version {data[Magic.Length]}, and this FlowForge reads version {Version}: a newer FlowForge wrote it, or it was altered.");
        }

        if (data.Length < MinimumLength)
        {
            throw new VaultDamagedException($"It is truncated ({data.Length} bytes, at least {MinimumLength} expected).");
        }

        var parameters = new Argon2Parameters(
            (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(data[ParametersOffset..]), int.MaxValue),
            (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(data[(ParametersOffset + 4)..]), int.MaxValue),
            (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(data[(ParametersOffset + 8)..]), int.MaxValue));
        if (!parameters.IsWithinBounds)
        {
            throw new VaultDamagedException("Its key-derivation parameters are out of bounds: it was altered.");
        }

        return (data.Slice(SaltOffset, SaltLength).ToArray(), parameters);
    }

    /// <summary>Decrypts data sealed under <paramref name="key"/>; any change to any byte is refused, never read.</summary>
    public static byte[] Open(VaultKey key, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(key);
        _ = ReadHeader(data);
        Span<byte> expected = stackalloc byte[CheckLength];
        HMACSHA256.HashData(key.CheckKey, data[..CheckOffset], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, data.Slice(CheckOffset, CheckLength)))
        {
            throw new VaultPasswordException("The password does not open it (or its header was altered).");
        }

        var ciphertext = data[(HeaderLength + NonceLength)..^TagLength];
        var plaintext = new byte[ciphertext.Length];
        try
        {
            using var aes = new AesGcm(key.EncryptionKey, TagLength);
            aes.Decrypt(data.Slice(HeaderLength, NonceLength), ciphertext, data[^TagLength..], plaintext, data[..HeaderLength]);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException exception)
        {
            throw new VaultDamagedException("It was altered or truncated: the authentication tag does not match.", exception);
        }
    }

    /// <summary>Seals with a key derived from <paramref name="password"/> under a fresh salt (an export).</summary>
    public static byte[] Seal(string password, ReadOnlySpan<byte> plaintext, Argon2Parameters? parameters = null)
    {
        using var key = VaultKey.Create(password, parameters);
        return Seal(key, plaintext);
    }

    /// <summary>Opens data sealed with <see cref="Seal(string, ReadOnlySpan{byte}, Argon2Parameters?)"/>.</summary>
    public static byte[] Open(string password, ReadOnlySpan<byte> data)
    {
        var (salt, parameters) = ReadHeader(data);
        using var key = VaultKey.Derive(password, salt, parameters);
        return Open(key, data);
    }

    /// <summary>Whether <paramref name="data"/> was sealed under this key's salt and parameters (no other process re-keyed it).</summary>
    public static bool HasHeaderOf(VaultKey key, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (data.Length < HeaderLength)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderLength];
        WriteHeader(key, header);
        return header.SequenceEqual(data[..HeaderLength]);
    }

    private static void WriteHeader(VaultKey key, Span<byte> header)
    {
        Magic.CopyTo(header);
        header[Magic.Length] = Version;
        BinaryPrimitives.WriteUInt32LittleEndian(header[ParametersOffset..], (uint)key.Parameters.MemoryKiB);
        BinaryPrimitives.WriteUInt32LittleEndian(header[(ParametersOffset + 4)..], (uint)key.Parameters.Iterations);
        BinaryPrimitives.WriteUInt32LittleEndian(header[(ParametersOffset + 8)..], (uint)key.Parameters.Parallelism);
        key.Salt.CopyTo(header[SaltOffset..]);
        HMACSHA256.HashData(key.CheckKey, header[..CheckOffset], header.Slice(CheckOffset, CheckLength));
    }
}
