using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace FlowForge.Core.Access;

/// <summary>
/// The key format, <c>ffk_&lt;id&gt;_&lt;secret&gt;</c>: a fixed prefix (so secret scanners and people recognise it), a
/// 12-character id to find the key by without touching the secret, and 32 random bytes as base64url.
/// </summary>
public static class ApiKeyToken
{
    public const string Prefix = "ffk_";
    public const int IdLength = 12;

    private const int SecretBytes = 32;
    private const int SecretLength = 43;
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static readonly SearchValues<char> IdCharacters = SearchValues.Create(IdAlphabet);

    /// <summary>A new key id: lower-case letters and digits only, so the '_' separators stay unambiguous.</summary>
    public static string NewId() => new(RandomNumberGenerator.GetItems<char>(IdAlphabet, IdLength));

    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    public static string Format(string id, string secret) => $"{Prefix}{id}_{secret}";

    /// <summary>
    /// SHA-256 of the secret. A fast hash is enough here, unlike for passwords: the secret is 256 random bits, so
    /// there is no dictionary to try and guessing it is hopeless however fast each guess is; a slow hash would only
    /// make every request slower.
    /// </summary>
    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Splits a token of exactly the issued shape; anything else is not a key.</summary>
    public static bool TryParse(string? token, out string id, out string secret)
    {
        id = string.Empty;
        secret = string.Empty;
        if (token is null || token.Length != Prefix.Length + IdLength + 1 + SecretLength
            || !token.StartsWith(Prefix, StringComparison.Ordinal) || token[Prefix.Length + IdLength] != '_')
        {
            return false;
        }

        var idPart = token.AsSpan(Prefix.Length, IdLength);
        var secretPart = token.AsSpan(Prefix.Length + IdLength + 1);
        if (idPart.ContainsAnyExcept(IdCharacters) || !Base64Url.IsValid(secretPart, out var decodedLength) || decodedLength != SecretBytes)
        {
            return false;
        }

        id = idPart.ToString();
        secret = secretPart.ToString();
        return true;
    }
}
