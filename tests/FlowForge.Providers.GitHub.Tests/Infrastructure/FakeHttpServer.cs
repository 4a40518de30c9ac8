using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlowForge.Providers.GitHub.Tests.Infrastructure;

/// <summary>What a fake server received.</summary>
/// <param name="RawTarget">The request target exactly as sent (still percent-encoded).</param>
internal sealed record RecordedRequest(string Method, string Path, string Query, string RawTarget, IReadOnlyDictionary<string, string> Headers)
{
    public string PathAndQuery => Path + Query;

    public string? Header(string name) => Headers.GetValueOrDefault(name);
}

/// <summary>
/// A minimal in-test HTTP server: real Kestrel on 127.0.0.1 and a free port, answering with <see cref="Handler"/>
/// and recording every request. (A full GitHub emulator lives in FlowForge.Emulators.)
/// </summary>
internal sealed class FakeHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeHttpServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The server's root, with a trailing slash.</summary>
    public Uri Url { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Answers every request; by default 404.</summary>
    public RequestDelegate Handler { get; set; } = context =>
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    };

    public static async Task<FakeHttpServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FakeHttpServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FakeHttpServer(app, new Uri(address.TrimEnd('/') + "/"));
        return server;
    }

    /// <summary>An absolute URL on this server.</summary>
    public Uri At(string pathAndQuery) => new(Url, pathAndQuery.TrimStart('/'));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private Task HandleAsync(HttpContext context)
    {
        var headers = context.Request.Headers.ToDictionary(
            header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? string.Empty;
        Requests.Enqueue(new RecordedRequest(
            context.Request.Method, context.Request.Path.Value ?? "/", context.Request.QueryString.Value ?? string.Empty, rawTarget, headers));
        return Handler(context);
    }
}

/// <summary>Helpers for writing fake GitHub answers.</summary>
internal static class Respond
{
    public static async Task Json(HttpContext context, string json, int status = StatusCodes.Status200OK, params (string Name, string Value)[] headers)
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers.Append(name, value);
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }

    public static Task Status(HttpContext context, int status, params (string Name, string Value)[] headers)
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers.Append(name, value);
        }

        return Task.CompletedTask;
    }

    /// <summary>GitHub's primary rate-limit headers.</summary>
    public static (string, string)[] RateLimit(int limit, int remaining, long reset, string resource = "core") =>
    [
        ("x-ratelimit-limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("x-ratelimit-remaining", remaining.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("x-ratelimit-reset", reset.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("x-ratelimit-used", (limit - remaining).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("x-ratelimit-resource", resource),
    ];
}
