namespace FlowForge.Abstractions.Http;

/// <summary>
/// The root URL of a provider's API as an instance configures it (<c>https://gitlab.com/api/v4</c>,
/// <c>https://HOST/api/v3</c>, a Jenkins context path such as <c>https://HOST/jenkins/</c>): the one way every provider
/// reads its base URL setting, resolving relative paths under it, telling whether a link stays on its origin, and
/// naming a request for messages by method and path only — never the query, which may carry refs or signatures.
/// </summary>
public sealed class ApiRoot
{
    public ApiRoot(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        BaseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
    }

    /// <summary>The root, always ending with '/', so relative paths resolve below it.</summary>
    public Uri BaseUrl { get; }

    /// <summary>
    /// Reads a configured base URL: absolute http(s), without query, fragment or user info (a credential in the URL
    /// would end up in logs). Null when the text is none of that.
    /// </summary>
    public static ApiRoot? TryParse(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var url)
        && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
        && url.Query.Length == 0 && url.Fragment.Length == 0 && url.UserInfo.Length == 0
            ? new ApiRoot(url)
            : null;

    /// <param name="relative">A path below the root without a leading '/', with its query already escaped.</param>
    public Uri Resolve(string relative) => new(BaseUrl, relative);

    /// <summary>Whether <paramref name="url"/> has the root's scheme, host and port, so it may receive the credential.</summary>
    public bool IsSameOrigin(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri
            && Uri.Compare(url, BaseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
    }

    /// <summary><c>GET /projects/7/pipelines</c>: the method and the path below the root, without the query.</summary>
    public string Display(HttpMethod method, Uri url)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(url);
        var path = url.AbsolutePath;
        var root = BaseUrl.AbsolutePath;
        return $"{method.Method} {(path.StartsWith(root, StringComparison.Ordinal) ? "/" + path[root.Length..] : path)}";
    }
}
