using System.Net;
using System.Net.Http.Headers;

namespace FlowForge.Abstractions.Http;

/// <summary>The primary handler of every provider's named <see cref="HttpClient"/>.</summary>
public static class ProviderHttpHandler
{
    /// <summary>How FlowForge names itself to a provider's API (<c>User-Agent: FlowForge/1.2.3</c>).</summary>
    public static ProductInfoHeaderValue UserAgent { get; } =
        new("FlowForge", typeof(ProviderHttpHandler).Assembly.GetName().Version?.ToString() ?? "0.0.0");

    /// <summary>
    /// Redirects are not followed automatically (a provider follows them itself, so credentials never travel to another
    /// host); connections are renewed every five minutes, which also picks up DNS changes; and no cookie is kept, since
    /// one handler serves every instance and credential of a provider.
    /// </summary>
    public static SocketsHttpHandler Create() => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        UseCookies = false,
    };
}
