using System.Text;
using FlowForge.Emulators.GitLab.Json;
using Microsoft.AspNetCore.Http;
using FlowForge.Emulators.GitLab.Middleware;
using Microsoft.Extensions.DependencyInjection;

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
        var fault = httpContext.GitLabRequest()?.Fault;
        var bytes = fault is GitLabFault.MalformedJsonFault && contentType == JsonType ? body[..Math.Max(1, body.Length / 2)] : body;
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        foreach (var (name, value) in _headers)
        {
            response.Headers.Append(name, value);
        }

        response.ContentType = contentType;
        response.ContentLength = bytes.Length;
        if (fault is GitLabFault.SlowBodyFault slow)
        {
            await response.StartAsync(httpContext.RequestAborted);
            await response.Body.FlushAsync(httpContext.RequestAborted);
            var runtime = httpContext.RequestServices.GetRequiredService<GitLabRuntime>();
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, runtime.Stopping);
            try
            {
                await Task.Delay(slow.Delay, runtime.Time, wait.Token);
            }
            catch (OperationCanceledException) when (runtime.Stopping.IsCancellationRequested)
            {
                httpContext.Abort();
                return;
            }
        }

        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }
}
