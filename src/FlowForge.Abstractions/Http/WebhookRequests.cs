using System.Security.Cryptography;
using System.Text;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;

namespace FlowForge.Abstractions.Http;

/// <summary>Reading and checking webhook deliveries the same way for every provider that sends them.</summary>
public static class WebhookRequests
{
    /// <summary>A header's trimmed value, empty counting as missing; names match case-insensitively whatever the dictionary's comparer.</summary>
    public static string? Header(WebhookRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Headers.TryGetValue(name, out var value))
        {
            value = request.Headers.FirstOrDefault(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        }

        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>
    /// Whether a shared secret sent as is (GitLab's <c>X-Gitlab-Token</c>, Buildkite's <c>X-Buildkite-Token</c>) is the
    /// configured one. Both sides are hashed first, so the comparison takes the same time whatever the length or the
    /// first differing character of a guess.
    /// </summary>
    public static bool SecretMatches(SecretValue secret, string? presented)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (presented is null)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> given = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(secret.Reveal()), expected);
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), given);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
