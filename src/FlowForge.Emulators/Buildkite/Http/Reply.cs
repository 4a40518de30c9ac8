using System.Text;
using System.Text.Json.Nodes;
using FlowForge.Emulators.Buildkite.Json;
using FlowForge.Emulators.Infrastructure.Faults;
using FlowForge.Emulators.Infrastructure.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Emulators.Buildkite.Http;

/// <summary>
/// An API answer: JSON (or text) with its status and headers. A successful GET carries a weak ETag over the body and
/// answers a matching <c>If-None-Match</c> with a bodiless 304 (when <see cref="BuildkiteEmulatorOptions.ETags"/> is on).
/// The injected body faults (malformed JSON, slow body) are applied where the body is written.
/// </summary>
internal sealed class Reply(int status, byte[] body, string contentType) : IResult
{
    private readonly List<(string Name, string Value)> _headers = [];

    public static Reply Json(JsonNode node, int status = StatusCodes.Status200OK) =>
        new(status, Encoding.UTF8.GetBytes(node.ToJsonString()), "application/json; charset=utf-8");

    public static Reply Text(string text) => new(StatusCodes.Status200OK, Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8");

    public static Reply Error(int status, string message) => Json(BuildkiteJson.Message(message), status);

    public static Reply NotFound() => Error(StatusCodes.Status404NotFound, "Not Found");

    public Reply WithHeader(string name, string? value)
    {
        if (value is not null)
        {
            _headers.Add((name, value));
        }

        return this;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var runtime = httpContext.RequestServices.GetRequiredService<BuildkiteRuntime>();
        var response = httpContext.Response;
        var bytes = ResponseBody.Shape(httpContext, body, cuttable: status == StatusCodes.Status200OK);
        response.StatusCode = status;
        if (runtime.Options.ETags && status == StatusCodes.Status200OK && HttpMethods.IsGet(httpContext.Request.Method))
        {
            var etag = WeakETag.Of(bytes, hashBytes: 16);
            response.Headers.ETag = etag;
            response.Headers.CacheControl = "max-age=0, private, must-revalidate";
            if (httpContext.Fault() is null && WeakETag.Matches(httpContext.Request.Headers.IfNoneMatch, etag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }

        foreach (var (name, value) in _headers)
        {
            response.Headers.Append(name, value);
        }

        response.ContentType = contentType;
        await ResponseBody.WriteAsync(httpContext, bytes);
    }
}
