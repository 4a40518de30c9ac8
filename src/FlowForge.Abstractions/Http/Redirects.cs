using System.Net;
using FlowForge.Abstractions.Providers;

namespace FlowForge.Abstractions.Http;

/// <summary>Redirects a provider follows itself (its handler never does), so credentials never travel to another host.</summary>
public static class Redirects
{
    public static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    /// <summary>
    /// Where a redirect answer points, resolved against the URL it answered; null without a <c>Location</c>.
    /// </summary>
    /// <exception cref="ProviderException"><see cref="ProviderErrorKind.BadResponse"/> when it leaves the origin of <paramref name="root"/>.</exception>
    public static Uri? Target(HttpResponseMessage response, Uri requested, ApiRoot root, string provider, string display)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(requested);
        ArgumentNullException.ThrowIfNull(root);
        if (response.Headers.Location is not { } location)
        {
            return null;
        }

        var target = location.IsAbsoluteUri ? location : new Uri(requested, location);
        return root.IsSameOrigin(target)
            ? target
            : throw new ProviderException(
                ProviderErrorKind.BadResponse,
                $"{provider} redirected {display} to another host ({target.Host}); FlowForge does not send the credentials there.")
            {
                UpstreamStatusCode = (int)response.StatusCode,
            };
    }
}
