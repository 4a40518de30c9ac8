using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace FlowForge.Emulators.GitHub.Http;

/// <summary>
/// A JSON response written the way GitHub does: a successful GET carries a weak ETag over the body bytes and
/// answers a matching <c>If-None-Match</c> with a bodiless 304 (which costs no rate limit). Injected body faults
/// (malformed JSON, slow body) are applied here, where the body is written.
/// </summary>
internal sealed class ApiResponse(int statusCode, byte[] body, string contentType = "application/json; charset=utf-8") : IResult
{
    private Dictionary<string, string>? _headers;

    public static ApiResponse Ok(byte[] body) => new(StatusCodes.Status200OK, body);

    public static ApiResponse Error(int statusCode, string message, string documentationUrl = JsonBody.DocumentationUrl) =>
        new(statusCode, JsonBody.Error(statusCode, message, documentationUrl));

    public static ApiResponse NotFound() => Error(StatusCodes.Status404NotFound, "Not Found");

    public ApiResponse WithHeader(string name, string? value)
    {
        if (value is not null)
        {
            (_headers ??= new(StringComparer.OrdinalIgnoreCase))[name] = value;
        }

        return this;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;
        var feature = httpContext.ApiRequest();
        var malformed = feature?.Fault is EmulatedFault.MalformedJsonFault;
        var bytes = malformed ? body[..Math.Max(1, body.Length / 2)] : body;

        response.StatusCode = statusCode;
        if (statusCode == StatusCodes.Status200OK && HttpMethods.IsGet(request.Method) && feature is not null)
        {
            var etag = $"W/\"{Convert.ToHexStringLower(SHA256.HashData(bytes))}\"";
            response.Headers.ETag = etag;
            response.Headers.CacheControl = "private, max-age=60, s-maxage=60";
            response.Headers.Vary = "Accept, Authorization, Cookie, X-GitHub-OTP";
            if (!malformed && Matches(request.Headers.IfNoneMatch, etag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }

        // After the 304 decision: a 304 repeats the validators and caching headers, not Link or Retry-After.
        foreach (var (name, value) in _headers ?? [])
        {
            response.Headers[name] = value;
        }

        response.ContentType = contentType;
        response.ContentLength = bytes.Length;
        if (await BodyDelay.WaitAsync(httpContext, feature?.Fault))
        {
            await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
        }
    }

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Count == 0 || !EntityTagHeaderValue.TryParseList([.. ifNoneMatch.Select(v => v ?? "")], out var tags) || tags is null)
        {
            return false;
        }

        var current = EntityTagHeaderValue.Parse(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }
}

/// <summary>
/// The slow-body fault: a response with a body sends its headers, then holds the body back; a response without
/// one (304, 302, 204) holds back its headers instead, since a client considers it complete with them.
/// </summary>
internal static class BodyDelay
{
    /// <summary>Sends the headers and waits; false when the emulator stopped meanwhile (the connection is then aborted).</summary>
    public static async Task<bool> WaitAsync(HttpContext httpContext, EmulatedFault? fault)
    {
        if (fault is not EmulatedFault.SlowBody slow)
        {
            return true;
        }

        await httpContext.Response.StartAsync(httpContext.RequestAborted);
        await httpContext.Response.Body.FlushAsync(httpContext.RequestAborted);
        return await DelayAsync(httpContext, slow.Delay);
    }

    /// <summary>Holds back a response that has not started (one without a body).</summary>
    public static async Task HoldAsync(HttpContext httpContext, EmulatedFault? fault)
    {
        if (fault is EmulatedFault.SlowBody slow && !httpContext.Response.HasStarted)
        {
            await DelayAsync(httpContext, slow.Delay);
        }
    }

    private static async Task<bool> DelayAsync(HttpContext httpContext, TimeSpan delay)
    {
        var runtime = httpContext.RequestServices.GetRequiredService<EmulatorRuntime>();
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, runtime.Stopping);
        try
        {
            await Task.Delay(delay, runtime.Time, wait.Token);
            return true;
        }
        catch (OperationCanceledException) when (runtime.Stopping.IsCancellationRequested)
        {
            httpContext.Abort();
            return false;
        }
    }
}
