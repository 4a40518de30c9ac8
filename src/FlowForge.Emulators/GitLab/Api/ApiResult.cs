using System.Text;
using FlowForge.Emulators.GitLab.Json;
using FlowForge.Emulators.Infrastructure.Http;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.GitLab.Api;

/// <summary>
/// A response as GitLab writes it: JSON or plain text, with extra headers (paging, file metadata). The body faults
/// (truncated JSON, a body held back) are applied here, where the body is written.
/// </summary>
internal sealed class ApiResult(int statusCode, byte[] body, string contentType = ApiResult.JsonType) : IResult
{
    public const string JsonType = "application/json";
    public const string TextType = "text/plain; charset=utf-8";

    private readonly List<KeyValuePair<string, string>> _headers = [];

    public static ApiResult Ok(byte[] body) => new(StatusCodes.Status200OK, body);

    public static ApiResult Message(int statusCode, string message) => new(statusCode, JsonText.Message(message));

    public static ApiResult Plain(int statusCode, string text) => new(statusCode, Encoding.UTF8.GetBytes(text), TextType);

    public ApiResult WithHeader(string name, string? value)
    {
        if (value is not null)
        {
            _headers.Add(new(name, value));
        }

        return this;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var bytes = ResponseBody.Shape(httpContext, body, cuttable: contentType == JsonType);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        foreach (var (name, value) in _headers)
        {
            response.Headers.Append(name, value);
        }

        response.ContentType = contentType;
        await ResponseBody.WriteAsync(httpContext, bytes);
    }
}
