using System.Numerics;
using System.Security.Cryptography;
using Tmds.DBus.Protocol;

namespace FlowForge.Secrets.Keyring.SecretService;

/// <summary>
/// A Secret Service session: how secrets are wrapped on the bus. FlowForge asks for
/// <c>dh-ietf1024-sha256-aes128-cbc-pkcs7</c> first, so secrets never cross the bus in the clear (a bus monitor of
/// the same user would see them), and uses <c>plain</c> only when the service offers nothing else.
/// </summary>
internal abstract class SecretSession
{
    public const string DhAlgorithm = "dh-ietf1024-sha256-aes128-cbc-pkcs7";
    public const string PlainAlgorithm = "plain";

    protected SecretSession(ObjectPath path) => Path = path;

    public ObjectPath Path { get; }

    public abstract string Algorithm { get; }

    /// <summary>The <c>parameters</c> and <c>value</c> of a Secret struct carrying <paramref name="secret"/>.</summary>
    public abstract (byte[] Parameters, byte[] Value) Wrap(ReadOnlySpan<byte> secret);

    public abstract byte[] Unwrap(byte[] parameters, byte[] value);
}

internal sealed class PlainSession(ObjectPath path) : SecretSession(path)
{
    public override string Algorithm => PlainAlgorithm;

    public override (byte[] Parameters, byte[] Value) Wrap(ReadOnlySpan<byte> secret) => ([], secret.ToArray());

    public override byte[] Unwrap(byte[] parameters, byte[] value) => value;
}

/// <summary>
/// Diffie-Hellman over the 1024-bit MODP group of RFC 2409 (generator 2), HKDF-SHA256 of the shared secret (padded to
/// 128 bytes, no salt, no info) to a 128-bit AES key, then AES-128-CBC with PKCS#7 and a random IV per secret: the
/// Secret Service specification's algorithm, as libsecret and gnome-keyring implement it.
/// </summary>
internal sealed class DhSession : SecretSession
{
    private const int PrimeLength = 128;
    private readonly byte[] _key;

    private DhSession(ObjectPath path, byte[] key)
        : base(path) => _key = key;

    public static BigInteger Prime { get; } = BigInteger.Parse(
        "00FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD" +
        "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED" +
        "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF",
        System.Globalization.NumberStyles.HexNumber,
        System.Globalization.CultureInfo.InvariantCulture);

    public override string Algorithm => DhAlgorithm;

    /// <summary>A private exponent and the public key to send with <c>OpenSession</c>.</summary>
    public static (BigInteger Private, byte[] Public) CreateKeyPair()
    {
        var random = RandomNumberGenerator.GetBytes(PrimeLength);
        var exponent = (new BigInteger(random, isUnsigned: true, isBigEndian: true) % (Prime - 3)) + 2;
        CryptographicOperations.ZeroMemory(random);
        return (exponent, BigInteger.ModPow(2, exponent, Prime).ToByteArray(isUnsigned: true, isBigEndian: true));
    }

    /// <summary>The AES key both sides derive from the exchange.</summary>
    public static byte[] DeriveKey(BigInteger privateExponent, ReadOnlySpan<byte> peerPublic)
    {
        var peer = new BigInteger(peerPublic, isUnsigned: true, isBigEndian: true);
        if (peer <= 1 || peer >= Prime - 1)
        {
            throw new InvalidOperationException("The Secret Service sent an invalid Diffie-Hellman public key.");
        }

        var shared = BigInteger.ModPow(peer, privateExponent, Prime).ToByteArray(isUnsigned: true, isBigEndian: true);
        var padded = new byte[PrimeLength];
        shared.CopyTo(padded, PrimeLength - shared.Length);
        try
        {
            return HKDF.DeriveKey(HashAlgorithmName.SHA256, padded, 16, salt: [], info: []);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
            CryptographicOperations.ZeroMemory(padded);
        }
    }

    public static DhSession Create(ObjectPath path, BigInteger privateExponent, ReadOnlySpan<byte> peerPublic) =>
        new(path, DeriveKey(privateExponent, peerPublic));

    public override (byte[] Parameters, byte[] Value) Wrap(ReadOnlySpan<byte> secret)
    {
        using var aes = Aes.Create();
        aes.Key = _key;
        var iv = RandomNumberGenerator.GetBytes(16);
        return (iv, aes.EncryptCbc(secret, iv, PaddingMode.PKCS7));
    }

    public override byte[] Unwrap(byte[] parameters, byte[] value)
    {
        using var aes = Aes.Create();
        aes.Key = _key;
        return aes.DecryptCbc(value, parameters, PaddingMode.PKCS7);
    }
}
