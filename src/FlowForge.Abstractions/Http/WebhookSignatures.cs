using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using FlowForge.Abstractions.Secrets;

namespace FlowForge.Abstractions.Http;

/// <summary>
/// HMAC signatures of webhook deliveries (Buildkite's <c>X-Buildkite-Signature</c>, and any provider that signs a
/// timestamp, an id or the body with a shared secret), compared in constant time so the time a check takes tells a
/// forger nothing about how much of a guess was right. Header look-ups and clear-text tokens: <see cref="WebhookRequests"/>.
/// </summary>
public static class WebhookSignatures
{
    /// <summary>
    /// Whether <paramref name="hexSignature"/> (64 hexadecimal digits, either case) is HMAC-SHA256 of the concatenated
    /// <paramref name="message"/> parts under <paramref name="secret"/>. A malformed signature is simply no match.
    /// </summary>
    public static bool HmacSha256HexMatches(SecretValue secret, ReadOnlySpan<char> hexSignature, params ReadOnlyMemory<byte>[] message)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(message);
        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (hexSignature.Length != 2 * HMACSHA256.HashSizeInBytes
            || Convert.FromHexString(hexSignature, given, out _, out _) != OperationStatus.Done)
        {
            return false;
        }

        var key = Encoding.UTF8.GetBytes(secret.Reveal());
        try
        {
            using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
            foreach (var part in message)
            {
                hmac.AppendData(part.Span);
            }

            Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
            hmac.GetHashAndReset(expected);
            return CryptographicOperations.FixedTimeEquals(expected, given);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
