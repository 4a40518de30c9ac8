namespace FlowForge.Emulators.Infrastructure.Webhooks;

/// <summary>The check every provider makes of a webhook's URL when it is subscribed.</summary>
internal static class ReceiverUrl
{
    /// <exception cref="ArgumentException"><paramref name="url"/> is not an absolute http(s) URL.</exception>
    public static void EnsureHttp(Uri url, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(url, parameterName);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{url}' is not an absolute http(s) URL.", parameterName);
        }
    }
}
