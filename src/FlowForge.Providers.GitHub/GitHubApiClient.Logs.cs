using System.Globalization;
using System.Net;
using FlowForge.Abstractions.Http;
using FlowForge.Abstractions.Providers;
using Microsoft.AspNetCore.WebUtilities;

namespace FlowForge.Providers.GitHub;

/// <summary>Job logs: a redirect to a signed URL on another host, fetched without the credential.</summary>
internal sealed partial class GitHubApiClient
{
    /// <summary>
    /// <c>GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs</c>. GitHub answers 302 with a short-lived signed URL
    /// on another host; that URL is fetched with a fresh request that carries no credential and no GitHub header.
    /// </summary>
    public async Task<string> GetJobLogAsync(string repository, long jobId, CancellationToken cancellationToken)
    {
        var url = Root.Resolve($"repos/{RepositoryPath(repository)}/actions/jobs/{jobId.ToString(CultureInfo.InvariantCulture)}/logs");
        var display = Root.Display(HttpMethod.Get, url);
        try
        {
            using var client = CreateClient();
            using var request = CreateRequest(HttpMethod.Get, url);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            ObserveRateLimits(response.Headers);
            if (Redirects.IsRedirect(response.StatusCode))
            {
                var location = response.Headers.Location
                    ?? throw new ProviderException(ProviderErrorKind.BadResponse, $"GitHub redirected {display} without a Location.")
                    {
                        UpstreamStatusCode = (int)response.StatusCode,
                    };
                return await DownloadLogAsync(client, location.IsAbsoluteUri ? location : new Uri(url, location), jobId, cancellationToken);
            }

            if (response.IsSuccessStatusCode)
            {
                // Some servers (GitHub Enterprise Server set-ups, emulators) serve the text directly.
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }

            throw await CreateErrorAsync(response, display, refusal: null, cancellationToken);
        }
        catch (Exception exception) when (Translate(exception, display, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    private static async Task<string> DownloadLogAsync(HttpClient client, Uri location, long jobId, CancellationToken cancellationToken)
    {
        if (location.Scheme != Uri.UriSchemeHttps && location.Scheme != Uri.UriSchemeHttp)
        {
            throw new ProviderException(ProviderErrorKind.BadResponse, $"GitHub redirected the log of job {jobId} to a location that is not http(s).");
        }

        // A fresh request: no Authorization (the signed URL is the credential) and none of the GitHub headers.
        // The URL itself is never put in a message: its query string is a signature.
        using var request = new HttpRequestMessage(HttpMethod.Get, location);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return await response.Content.ReadAsStringAsync(cancellationToken);
        }

        var code = (int)response.StatusCode;
        var gone = response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone;
        throw new ProviderException(
            gone ? ProviderErrorKind.NotFound : ProviderErrorKind.Unavailable,
            $"GitHub's log storage answered {code} {ReasonPhrases.GetReasonPhrase(code)} for the log of job {jobId}"
                + (gone ? "; the log is no longer available." : "; the download link may have expired, try again."))
        {
            UpstreamStatusCode = code,
        };
    }
}
