using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FlowForge.Emulators.Buildkite.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace FlowForge.Emulators.Buildkite.Http;

/// <summary>
/// An API answer: JSON (or text) with its status and headers. A successful GET carries a weak ETag over the body and
/// answers a matching <c>If-None-Match</c> with a bodiless 304 (when <see cref="BuildkiteEmulatorOptions.ETags"/> is on).
/// The injected body faults (malformed JSON, slow body) are applied here, where the body is written.
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
        var fault = httpContext.GateOrNull()?.Fault;
        var bytes = fault is BuildkiteFault.MalformedJsonFault && status == StatusCodes.Status200OK ? body[..Math.Max(1, body.Length / 2)] : body;
        response.StatusCode = status;
        if (runtime.Options.ETags && status == StatusCodes.Status200OK && HttpMethods.IsGet(httpContext.Request.Method))
        {
            var etag = $"W/\"{Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 16))}\"";
            response.Headers.ETag = etag;
            response.Headers.CacheControl = "max-age=0, private, must-revalidate";
            if (fault is null && Matches(httpContext.Request, etag))
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
        response.ContentLength = bytes.Length;
        if (fault is BuildkiteFault.SlowBodyFault slow && !await HoldBackAsync(httpContext, runtime, slow.Delay))
        {
            return;
        }

        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }

    private static bool Matches(HttpRequest request, string etag) =>
        EntityTagHeaderValue.TryParseList([.. request.Headers.IfNoneMatch.Select(value => value ?? "")], out var tags)
        && tags is not null
        && tags.Any(tag => tag.Compare(EntityTagHeaderValue.Parse(etag), useStrongComparison: false));

    /// <summary>Sends the headers, then waits on the emulator's clock; false when the emulator stopped meanwhile.</summary>
    private static async Task<bool> HoldBackAsync(HttpContext httpContext, BuildkiteRuntime runtime, TimeSpan delay)
    {
        await httpContext.Response.StartAsync(httpContext.RequestAborted);
        await httpContext.Response.Body.FlushAsync(httpContext.RequestAborted);
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
