using System.Security.Cryptography;
using System.Text;

namespace FlowForge.Emulators.GitHub.Webhooks;

/// <summary>GitHub's webhook signatures: the hex HMAC of the raw body, keyed with the hook's secret.</summary>
internal static class WebhookSigner
{
    /// <summary><c>X-Hub-Signature-256</c>: <c>sha256=&lt;hex&gt;</c>.</summary>
    public static string Sha256(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary><c>X-Hub-Signature</c>, the legacy header GitHub still sends: <c>sha1=&lt;hex&gt;</c>.</summary>
    public static string Sha1(string secret, ReadOnlySpan<byte> body)
    {
#pragma warning disable CA5350 // GitHub's legacy header is defined as HMAC-SHA1; receivers should verify the SHA-256 one.
        return "sha1=" + Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), body));
#pragma warning restore CA5350
    }
}
