using System.Globalization;
using System.Net.Http.Headers;

namespace FlowForge.Abstractions.Http;

/// <summary>A response body kept with its validators, to be reused when the provider answers 304.</summary>
/// <param name="NextLink">The page's <c>Link: rel="next"</c> target, which a 304 does not repeat.</param>
public sealed record CachedResponse(string? ETag, string? LastModified, byte[] Body, Uri? NextLink);

/// <summary>
/// Validators and bodies of the lists a connection polls, so a repeated poll can be a conditional request
/// (<c>If-None-Match</c> / <c>If-Modified-Since</c>). On GitHub a 304 costs no rate limit.
/// One cache belongs to one connection (one instance and one credential); it is bounded and forgets the
/// least recently used entries first.
/// </summary>
public sealed class ConditionalResponseCache(int capacity = 4096)
{
    private readonly Dictionary<string, LinkedListNode<(string Url, CachedResponse Response)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Url, CachedResponse Response)> _recency = new();
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public CachedResponse? Find(Uri url)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(url.AbsoluteUri, out var node))
            {
                return null;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value.Response;
        }
    }

    /// <summary>
    /// Adds the validators of the response cached for <paramref name="cacheKey"/> (default: the request's own URL,
    /// which differs on a redirect hop) to a request about to be sent; null when there is nothing to validate.
    /// </summary>
    public CachedResponse? AddValidators(HttpRequestMessage request, Uri? cacheKey = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = cacheKey ?? request.RequestUri;
        if (key is null || Find(key) is not { } cached)
        {
            return null;
        }

        if (cached.ETag is not null && EntityTagHeaderValue.TryParse(cached.ETag, out var etag))
        {
            request.Headers.IfNoneMatch.Add(etag);
        }
        else if (cached.LastModified is not null
                 && DateTimeOffset.TryParse(cached.LastModified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var modified))
        {
            request.Headers.IfModifiedSince = modified;
        }
        else
        {
            return null;
        }

        return cached;
    }

    /// <summary>Keeps a 200 response's body if it carried a validator; returns whether it was kept.</summary>
    public bool Store(Uri url, HttpResponseMessage response, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(response);
        var etag = response.Headers.ETag?.ToString();
        var lastModified = response.Content.Headers.LastModified?.ToString("R");
        if (etag is null && lastModified is null)
        {
            return false;
        }

        var entry = new CachedResponse(etag, lastModified, body, LinkHeader.FindNext(response));
        lock (_gate)
        {
            if (_entries.Remove(url.AbsoluteUri, out var existing))
            {
                _recency.Remove(existing);
            }

            _entries[url.AbsoluteUri] = _recency.AddFirst((url.AbsoluteUri, entry));
            while (_entries.Count > capacity && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Url);
            }
        }

        return true;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _recency.Clear();
        }
    }
}
