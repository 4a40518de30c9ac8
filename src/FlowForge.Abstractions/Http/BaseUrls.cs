namespace FlowForge.Abstractions.Http;

/// <summary>The root URL of a provider's API, as an instance's settings give it.</summary>
public static class BaseUrls
{
    /// <summary>
    /// An absolute http(s) URL without query, fragment or user info, ending with '/' so relative paths resolve below
    /// it (a context path such as <c>/jenkins</c> or <c>/api/v3</c> is kept); false for anything else.
    /// </summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? url)
    {
        url = null;
        if (!Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(parsed.Query)
            || !string.IsNullOrEmpty(parsed.Fragment)
            || !string.IsNullOrEmpty(parsed.UserInfo))
        {
            return false;
        }

        url = parsed.AbsoluteUri.EndsWith('/') ? parsed : new Uri(parsed.AbsoluteUri + "/");
        return true;
    }
}
