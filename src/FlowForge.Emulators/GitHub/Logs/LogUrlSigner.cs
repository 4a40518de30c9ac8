using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FlowForge.Emulators.GitHub.Http;

namespace FlowForge.Emulators.GitHub.Logs;

/// <summary>
/// Short-lived signed log links, shaped like the Azure blob SAS URLs GitHub redirects to: the signature covers the
/// blob path and the expiry, so the link works without (and must be fetched without) the API token.
/// </summary>
internal sealed class LogUrlSigner(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public static string JobLogPath(long runId, long jobId) =>
        string.Create(CultureInfo.InvariantCulture, $"actions-results/{runId}/workflow-job-run-{jobId}/logs/job/job-logs.txt");

    public string SignedJobLogUrl(ApiUrls urls, long runId, long jobId)
    {
        var path = JobLogPath(runId, jobId);
        var now = time.GetUtcNow();
        var start = Format(now);
        var expiry = Format(now + Lifetime);
        var signature = Sign("/" + path, expiry);
        return urls.Log(path)
            + $"?rsct=text%2Fplain&se={Uri.EscapeDataString(expiry)}&sig={Uri.EscapeDataString(signature)}"
            + $"&sp=r&spr=http&sr=b&st={Uri.EscapeDataString(start)}&sv=2025-01-05";
    }

    public LogLinkStatus Check(string path, string? expiry, string? signature)
    {
        if (string.IsNullOrEmpty(expiry) || string.IsNullOrEmpty(signature)
            || !DateTimeOffset.TryParseExact(expiry, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expiresAt))
        {
            return LogLinkStatus.Invalid;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(path, expiry));
        var actual = Encoding.ASCII.GetBytes(signature);
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            return LogLinkStatus.Invalid;
        }

        return time.GetUtcNow() > expiresAt ? LogLinkStatus.Expired : LogLinkStatus.Valid;
    }

    private string Sign(string path, string expiry) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{path}\n{expiry}")));

    private static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

internal enum LogLinkStatus
{
    Valid,
    Invalid,
    Expired,
}
