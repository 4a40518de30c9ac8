using System.Net;
using System.Net.Http.Headers;

namespace FlowForge.Abstractions.Http;

/// <summary>One request as a provider's API client describes it to <see cref="ProviderApiClient.SendAsync{T}"/>.</summary>
/// <param name="Conditional">Send the validators of a cached answer (GETs only): a 304 reuses its body and next link.</param>
/// <param name="JsonBody">A UTF-8 JSON request body, serialized with the provider's source-generated context.</param>
/// <param name="Refusal">
/// Which error answers mean "not in this state" (a finished run's cancel, a job that cannot be retried): those become
/// <see cref="Providers.ProviderErrorKind.NotSupported"/> instead of their usual kind. Rate limits are never refusals.
/// </param>
/// <param name="Accept">The media type wanted; null for the provider's own.</param>
/// <param name="Streamed">The body is read as it arrives rather than buffered first (a log can be large).</param>
public sealed record ApiCall(
    HttpMethod Method,
    Uri Url,
    bool Conditional = false,
    byte[]? JsonBody = null,
    Func<HttpStatusCode, string?, bool>? Refusal = null,
    string? Accept = null,
    bool Streamed = false);

/// <summary>A successful answer as the reader of a call sees it: from the wire, or after a 304 from the cache.</summary>
/// <param name="Status">What the provider answered (304 when the body is the cached one).</param>
/// <param name="Display">Method and path, for messages.</param>
public sealed record ApiAnswer(HttpStatusCode Status, HttpContent Content, HttpResponseHeaders Headers, string Display);

/// <summary>What a call came back with.</summary>
/// <param name="NextLink">The next page, if the answer names one.</param>
/// <param name="Status">What the provider answered: 304 when the cached body was reused.</param>
public sealed record ApiResponse<T>(T Value, Uri? NextLink, HttpStatusCode Status);
