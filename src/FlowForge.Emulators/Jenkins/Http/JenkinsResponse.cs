using System.Net;
using FlowForge.Emulators.Infrastructure.Http;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.Jenkins.Http;

/// <summary>
/// A response as Jenkins writes it: JSON from <c>api/json</c>, plain text for logs, Jetty's HTML error pages, redirects.
/// Jenkins sends no ETag or Last-Modified for API documents, so there are no conditional answers. Injected body faults
/// (malformed JSON, a slow body) are applied where the body is written.
/// </summary>
internal sealed class JenkinsResponse(int statusCode, byte[] body, string? contentType) : IResult
{
    private const string Json = "application/json;charset=utf-8";
    private Dictionary<string, string>? _headers;

    public int StatusCode => statusCode;

    public static JenkinsResponse Ok(byte[] json) => new(StatusCodes.Status200OK, json, Json);

    public static JenkinsResponse Text(string text, int status = StatusCodes.Status200OK) =>
        new(status, System.Text.Encoding.UTF8.GetBytes(text), "text/plain;charset=utf-8");

    public static JenkinsResponse Page(string title) =>
        new(StatusCodes.Status200OK, System.Text.Encoding.UTF8.GetBytes(
            $"<!DOCTYPE html><html><head><title>{WebUtility.HtmlEncode(title)}</title></head><body><h1>{WebUtility.HtmlEncode(title)}</h1></body></html>"),
            "text/html;charset=utf-8");

    /// <summary>Jetty's error page: <c>&lt;title&gt;Error 404 Not Found&lt;/title&gt;</c>.</summary>
    public static JenkinsResponse Error(int status, string message) =>
        new(status, System.Text.Encoding.UTF8.GetBytes(
            $"<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html;charset=utf-8\"/>\n<title>Error {status} {WebUtility.HtmlEncode(message)}</title>\n</head>\n"
            + $"<body><h2>HTTP ERROR {status} {WebUtility.HtmlEncode(message)}</h2>\n<table>\n<tr><th>URI:</th><td>/</td></tr>\n<tr><th>STATUS:</th><td>{status}</td></tr>\n"
            + $"<tr><th>MESSAGE:</th><td>{WebUtility.HtmlEncode(message)}</td></tr>\n</table>\n</body>\n</html>\n"),
            "text/html;charset=iso-8859-1");

    public static JenkinsResponse NotFound() => Error(StatusCodes.Status404NotFound, "Not Found");

    public static JenkinsResponse Empty(int status) => new(status, [], null);

    public static JenkinsResponse Redirect(int status, Uri location) => Empty(status).WithHeader("Location", location.AbsoluteUri);

    public JenkinsResponse WithHeader(string name, string? value)
    {
        if (value is not null)
        {
            (_headers ??= new(StringComparer.OrdinalIgnoreCase))[name] = value;
        }

        return this;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var bytes = ResponseBody.Shape(httpContext, body, cuttable: contentType == Json);
        response.StatusCode = statusCode;
        foreach (var (name, value) in _headers ?? [])
        {
            response.Headers[name] = value;
        }

        if (contentType is not null)
        {
            response.ContentType = contentType;
        }

        await ResponseBody.WriteAsync(httpContext, bytes, skipForHead: true);
    }
}
