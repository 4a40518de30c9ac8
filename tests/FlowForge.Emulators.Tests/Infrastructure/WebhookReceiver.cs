using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlowForge.Emulators.Tests.Infrastructure;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (Kestrel), standing in for FlowForge's webhook endpoint: it records every POST
/// with its raw body and headers, and answers with <see cref="StatusCode"/>, optionally after <see cref="Hold"/>.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();

    private WebhookReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>Where to subscribe, <c>http://127.0.0.1:PORT/hooks</c>.</summary>
    public Uri Url { get; }

    /// <summary>What the receiver answers.</summary>
    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    /// <summary>When set, a request is recorded at once but answered only when this task completes (or the request is aborted).</summary>
    public Task? Hold { get; set; }

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hooks", async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            receiver!._received.Enqueue(new ReceivedWebhook(headers, buffer.ToArray()));
            if (receiver.Hold is { } hold)
            {
                await hold.WaitAsync(context.RequestAborted);
            }

            context.Response.StatusCode = receiver.StatusCode;
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver = new WebhookReceiver(app, new Uri(new Uri(address), "/hooks"));
        return receiver;
    }

    /// <summary>A loopback URL nothing listens on (connection refused).</summary>
    public static Uri DeadUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/hooks");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One POST the receiver got.</summary>
internal sealed record ReceivedWebhook(IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Event => Headers["X-GitHub-Event"];

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Action => Json.TryGetProperty("action", out var action) ? action.GetString() : null;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Verifies <c>X-Hub-Signature-256</c> the way a receiver must: HMAC-SHA256 of the raw body, compared in constant time.</summary>
    public bool SignatureIsValid(string secret)
    {
        if (Header("X-Hub-Signature-256") is not { } header || !header.StartsWith("sha256=", StringComparison.Ordinal))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Body)));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(header));
    }

    /// <summary>"event/action", e.g. <c>workflow_job/queued</c>, for readable order assertions.</summary>
    public override string ToString() => Action is null ? Event : $"{Event}/{Action}";
}
