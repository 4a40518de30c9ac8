using FlowForge.Emulators.Infrastructure.Faults;
using FlowForge.Emulators.Infrastructure.Http;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.GitHub.Http;

/// <summary>
/// A JSON response written the way GitHub does: a successful GET carries a weak ETag over the body bytes and
/// answers a matching <c>If-None-Match</c> with a bodiless 304 (which costs no rate limit). Injected body faults
/// (malformed JSON, slow body) are applied where the body is written.
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
        var bytes = ResponseBody.Shape(httpContext, body, cuttable: true);
        response.StatusCode = statusCode;
        if (statusCode == StatusCodes.Status200OK && HttpMethods.IsGet(request.Method) && feature is not null)
        {
            var etag = WeakETag.Of(bytes);
            response.Headers.ETag = etag;
            response.Headers.CacheControl = "private, max-age=60, s-maxage=60";
            response.Headers.Vary = "Accept, Authorization, Cookie, X-GitHub-OTP";
            if (httpContext.Fault() is not IMalformedJsonFault && WeakETag.Matches(request.Headers.IfNoneMatch, etag))
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
        await ResponseBody.WriteAsync(httpContext, bytes);
    }
}
