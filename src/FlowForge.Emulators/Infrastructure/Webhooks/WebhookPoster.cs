using System.Diagnostics;
using System.Globalization;

namespace FlowForge.Emulators.Infrastructure.Webhooks;

/// <summary>How one POST went: the receiver's status code, or why none came.</summary>
/// <param name="Error">Connection refused, a timeout, …; null when the receiver answered.</param>
/// <param name="Duration">Real time, like the providers' delivery pages show it.</param>
internal sealed record PostOutcome(int? StatusCode, string? Error, TimeSpan Duration);

/// <summary>
/// POSTs webhook deliveries to their receivers. Receivers are local test servers: no proxy from the environment, no
/// redirects or cookies (no provider follows them). An attempt ends after the timeout, or at once when the emulator stops.
/// </summary>
internal sealed class WebhookPoster : IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;

    public WebhookPoster(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _timeout = timeout;
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false, ConnectTimeout = timeout })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Sends the body with exactly these headers (content headers such as <c>Content-Type</c> go on the content).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="stopping"/> was cancelled.</exception>
    public async Task<PostOutcome> PostAsync(Uri url, ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string> headers, CancellationToken stopping)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ReadOnlyMemoryContent(body) };
        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(_timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return new PostOutcome((int)response.StatusCode, null, Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return new PostOutcome(null, string.Create(CultureInfo.InvariantCulture, $"timed out after {_timeout.TotalSeconds:0.###} s"), Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return new PostOutcome(null, e.Message, Stopwatch.GetElapsedTime(started));
        }
    }

    public void Dispose() => _http.Dispose();
}
