using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FlowForge.Abstractions.Providers;
using Microsoft.Extensions.Logging;

namespace FlowForge.Abstractions.Http;

/// <summary>The one path every request takes, and reading JSON and paged lists on top of it.</summary>
public abstract partial class ProviderApiClient
{
    /// <summary>
    /// Sends one call: the credential and headers, a JSON body, the validators of a cached answer (conditional GETs: a
    /// 304 reuses its body and next link, and only a body that was read successfully is kept), redirects as
    /// <see cref="FollowsRedirects"/> says, the rate-limit budgets of every answer, and every failure as a
    /// <see cref="ProviderException"/>. Nothing is retried here: a POST or PUT is sent exactly once.
    /// </summary>
    /// <param name="read">Reads a successful answer (GET: 200 or 203; otherwise any 2xx).</param>
    protected async Task<ApiResponse<T>> SendAsync<T>(ApiCall call, Func<ApiAnswer, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(read);
        var display = Root.Display(call.Method, call.Url);
        var isGet = call.Method == HttpMethod.Get;
        var conditional = isGet && call.Conditional;
        try
        {
            using var client = CreateClient();
            var target = call.Url;
            for (var hop = 0; ; hop++)
            {
                using var request = CreateRequest(call.Method, target, call.Accept);
                if (call.JsonBody is { } json)
                {
                    request.Content = new ByteArrayContent(json);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                }

                // Validators are looked up by the call's URL, which a redirect hop does not change.
                var cached = conditional ? Cache.AddValidators(request, cacheKey: call.Url) : null;

                // A body is read inside the send (so the host's timeouts cover one that stalls) unless it is streamed (a log).
                var completion = call.Streamed ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead;
                using var response = await client.SendAsync(request, completion, cancellationToken);
                ObserveRateLimits(response.Headers);
                var status = response.StatusCode;
                if (status == HttpStatusCode.NotModified && cached is not null)
                {
                    using var reused = new ByteArrayContent(cached.Body);
                    var value = await read(new ApiAnswer(status, reused, response.Headers, display), cancellationToken);
                    return new ApiResponse<T>(value, cached.NextLink, status);
                }

                if (isGet ? status is HttpStatusCode.OK or HttpStatusCode.NonAuthoritativeInformation : response.IsSuccessStatusCode)
                {
                    return await ReadAsync(call, response, read, display, conditional, cancellationToken);
                }

                var followable = isGet ? Redirects.IsRedirect(status) : status is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
                if (FollowsRedirects && followable && hop < MaxRedirects && Redirects.Target(response, target, Root, Provider, display) is { } next)
                {
                    target = next;
                    continue;
                }

                throw await CreateErrorAsync(response, display, call.Refusal, cancellationToken);
            }
        }
        catch (Exception exception) when (Translate(exception, display, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>One GET of a JSON document, conditional when asked.</summary>
    protected Task<ApiResponse<T>> GetAsync<T>(Uri url, JsonTypeInfo<T> typeInfo, bool conditional, CancellationToken cancellationToken) =>
        SendAsync(new ApiCall(HttpMethod.Get, url, conditional), Json(typeInfo), cancellationToken);

    /// <summary>Reads a JSON body with the source-generated context; JSON null is a bad answer, not a value.</summary>
    protected Func<ApiAnswer, CancellationToken, Task<T>> Json<T>(JsonTypeInfo<T> typeInfo) =>
        async (answer, cancellationToken) =>
            await JsonSerializer.DeserializeAsync(await answer.Content.ReadAsStreamAsync(cancellationToken), typeInfo, cancellationToken)
            ?? throw new ProviderException(ProviderErrorKind.BadResponse, $"{Provider} answered {answer.Display} with JSON null instead of a document.");

    /// <summary>Reads the whole body as bytes and hands it to <paramref name="read"/>.</summary>
    protected static Func<ApiAnswer, CancellationToken, Task<T>> Bytes<T>(Func<byte[], T> read) =>
        async (answer, cancellationToken) => read(await answer.Content.ReadAsByteArrayAsync(cancellationToken));

    /// <summary>Every item of a list whose pages are JSON arrays, page after page up to <paramref name="pageCap"/>.</summary>
    protected Task<IReadOnlyList<T>> GetAllAsync<T>(Uri firstPage, JsonTypeInfo<IReadOnlyList<T>> typeInfo, int pageCap, CancellationToken cancellationToken) =>
        GetAllAsync(firstPage, typeInfo, static page => page, pageCap, cancellationToken);

    /// <summary>Every item of a list whose pages wrap it in an object, page after page up to <paramref name="pageCap"/>.</summary>
    /// <param name="items">The items of one page.</param>
    protected async Task<IReadOnlyList<TItem>> GetAllAsync<TPage, TItem>(
        Uri firstPage, JsonTypeInfo<TPage> typeInfo, Func<TPage, IReadOnlyList<TItem>> items, int pageCap, CancellationToken cancellationToken) =>
        (await GetPagesAsync(firstPage, typeInfo, items, pageCap, wantsMore: null, cancellationToken)).Items;

    /// <summary>
    /// Walks a list's pages (<see cref="LinkPaging"/>), each a conditional request, while <paramref name="wantsMore"/>
    /// (when given) says so after a page, at most <paramref name="pageCap"/> pages.
    /// </summary>
    /// <param name="items">The items of one page (for lists wrapped in an object).</param>
    /// <returns>The items, and whether the walk ended by itself (false: the cap cut it short, which is logged).</returns>
    protected async Task<(IReadOnlyList<TItem> Items, bool Complete)> GetPagesAsync<TPage, TItem>(
        Uri firstPage,
        JsonTypeInfo<TPage> typeInfo,
        Func<TPage, IReadOnlyList<TItem>> items,
        int pageCap,
        Func<IReadOnlyList<TItem>, bool>? wantsMore,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var complete = true;
        var all = await LinkPaging.ReadAllAsync(
            firstPage,
            async (url, token) =>
            {
                var response = await GetAsync(url, typeInfo, conditional: true, token);
                var page = items(response.Value);
                return new Page<TItem>(page, wantsMore is null || wantsMore(page) ? response.NextLink : null);
            },
            pageCap,
            Root,
            Provider,
            () =>
            {
                complete = false;
                LogPageCapReached(Logger, Root.Display(HttpMethod.Get, firstPage), pageCap);
            },
            cancellationToken);
        return (all, complete);
    }

    private async Task<ApiResponse<T>> ReadAsync<T>(
        ApiCall call, HttpResponseMessage response, Func<ApiAnswer, CancellationToken, Task<T>> read, string display, bool conditional, CancellationToken cancellationToken)
    {
        if (!conditional)
        {
            var value = await read(new ApiAnswer(response.StatusCode, response.Content, response.Headers, display), cancellationToken);
            return new ApiResponse<T>(value, NextLink(response), response.StatusCode);
        }

        // Kept only once it was read: a 304 must never bring back a body that failed.
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        using var buffered = new ByteArrayContent(body);
        var parsed = await read(new ApiAnswer(response.StatusCode, buffered, response.Headers, display), cancellationToken);
        Cache.Store(call.Url, response, body);
        return new ApiResponse<T>(parsed, NextLink(response), response.StatusCode);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Request} has more than {PageCap} pages; FlowForge read only the first {PageCap}.")]
    private static partial void LogPageCapReached(ILogger logger, string request, int pageCap);
}
