using System.Security.Cryptography;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace FlowForge.Emulators.Infrastructure.Http;

/// <summary>Weak ETags over response bodies and the <c>If-None-Match</c> check that turns a repeat GET into a 304.</summary>
internal static class WeakETag
{
    /// <summary><c>W/"hex"</c> of the body's SHA-256, the first <paramref name="hashBytes"/> bytes of it (providers differ in length).</summary>
    public static string Of(ReadOnlySpan<byte> body, int hashBytes = SHA256.HashSizeInBytes) =>
        $"W/\"{Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, hashBytes))}\"";

    /// <summary>True when <paramref name="ifNoneMatch"/> names <paramref name="etag"/> (weak comparison) or is <c>*</c>.</summary>
    public static bool Matches(StringValues ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Count == 0 || !EntityTagHeaderValue.TryParseList([.. ifNoneMatch.Select(value => value ?? "")], out var tags) || tags is null)
        {
            return false;
        }

        var current = EntityTagHeaderValue.Parse(etag);
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
    }
}
